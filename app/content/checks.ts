// Checks on a course's assessments as a whole: what no single question's schema can see.
import type { Question } from "./types";

/**
 * Where the correct answers sit in the file's order. Learners see options shuffled, but print and
 * export show the file's order, and an author who always writes the right answer first (or the
 * matching answers on the diagonal) makes a test that can be passed by position. Returns one
 * message per pattern found, or none.
 */
export function answerPositionProblems(questions: readonly Question[]): string[] {
  const problems: string[] = [];
  const singles = questions.flatMap((q) => (q.type === "single" && q.options.length >= 3 ? [q.options.findIndex((o) => o.id === q.answer)] : []));
  if (singles.length >= 4) {
    const counts = new Map<number, number>();
    for (const i of singles) counts.set(i, (counts.get(i) ?? 0) + 1);
    const [pos, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
    if (n * 2 > singles.length)
      problems.push(`the correct option is option ${pos + 1} in ${n} of the ${singles.length} single-choice questions: vary its position`);
  }
  const multiples = questions.filter((q) => q.type === "multiple" && q.options.length - q.answer.length >= 1);
  const correctFirst = multiples.filter((q) => q.type === "multiple" && q.options.slice(0, q.answer.length).every((o) => q.answer.includes(o.id)));
  if (multiples.length >= 3 && correctFirst.length * 3 > multiples.length * 2)
    problems.push(`${correctFirst.length} of the ${multiples.length} multiple-choice questions list their correct options first: mix them in`);
  const matchings = questions.filter((q) => q.type === "matching");
  const diagonal = matchings.filter((q) => q.type === "matching" && q.prompts.every((p, i) => q.answer[p.id] === q.options[i]?.id));
  if (matchings.length >= 2 && diagonal.length * 2 > matchings.length)
    problems.push(`${diagonal.length} of the ${matchings.length} matching questions give each prompt the option in the same position: reorder the options`);
  return problems;
}

const STOP_WORDS = new Set(
  "the a an of to and or in on for is are be by with that this which what who how does do their its it as at from not these those them they there than then".split(" "),
);

function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s]/gu, " ")
      .split(/\s+/)
      .filter((w) => w.length > 2 && !STOP_WORDS.has(w)),
  );
}

function jaccard(a: Set<string>, b: Set<string>): number {
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  const all = a.size + b.size - shared;
  return all === 0 ? 0 : shared / all;
}

/** Above this share of words in common, in the prompts and in prompt and options together, two questions are the same question. */
export const NEAR_DUPLICATE = 0.6;

/**
 * Pairs of a module-quiz question and an assessment question that ask the same thing in nearly the
 * same words: the assessment then tests memory of the quiz, not understanding.
 */
export function nearDuplicates(quizQuestions: readonly Question[], assessment: readonly Question[], lang: string): [Question, Question][] {
  const full = (q: Question) => `${q.prompt[lang] ?? ""} ${"options" in q ? q.options.map((o) => o.text[lang] ?? "").join(" ") : ""}`;
  const sets = (q: Question) => ({ q, prompt: words(q.prompt[lang] ?? ""), full: words(full(q)) });
  const quiz = quizQuestions.map(sets);
  const pairs: [Question, Question][] = [];
  for (const a of assessment.map(sets))
    for (const q of quiz) if (jaccard(a.prompt, q.prompt) >= NEAR_DUPLICATE && jaccard(a.full, q.full) >= NEAR_DUPLICATE) pairs.push([q.q, a.q]);
  return pairs;
}
