/** Item analysis of one quiz: how hard each question is and how well it separates strong from weak learners. */

export interface ScoredAttempt {
  /** the attempt's share of questions right, 0–1 */
  score: number;
  answers: ReadonlyMap<string, boolean>;
}

export interface ItemStats {
  questionId: string;
  answered: number;
  correct: number;
  /** share of answers that were right, 0–100 with one decimal, null when unanswered */
  facility: number | null;
  /**
   * Upper–lower discrimination index: share right among the top 27% of attempts minus the share right
   * among the bottom 27% (−1 to 1, two decimals); null with fewer than 10 attempts, where it means little.
   */
  discrimination: number | null;
}

export const MIN_FOR_DISCRIMINATION = 10;

export function itemAnalysis(attempts: ScoredAttempt[], questionIds: readonly string[]): ItemStats[] {
  const ranked = [...attempts].sort((a, b) => b.score - a.score);
  const k = Math.max(1, Math.round(ranked.length * 0.27));
  const upper = ranked.slice(0, k);
  const lower = ranked.slice(-k);
  const share = (group: ScoredAttempt[], id: string) => {
    const answered = group.filter((a) => a.answers.has(id));
    return answered.length ? answered.filter((a) => a.answers.get(id)).length / answered.length : 0;
  };
  return questionIds
    .map((id) => {
      const answered = attempts.filter((a) => a.answers.has(id));
      const correct = answered.filter((a) => a.answers.get(id)).length;
      return {
        questionId: id,
        answered: answered.length,
        correct,
        facility: answered.length ? Math.round((correct / answered.length) * 1000) / 10 : null,
        discrimination: attempts.length >= MIN_FOR_DISCRIMINATION ? Math.round((share(upper, id) - share(lower, id)) * 100) / 100 : null,
      };
    })
    .sort((a, b) => (a.facility ?? 101) - (b.facility ?? 101) || a.questionId.localeCompare(b.questionId));
}
