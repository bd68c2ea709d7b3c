import type { DB } from "@db/index";
import type { T } from "~/i18n";
import { quizTitle } from "~/learning/titles";
import { pick } from "~/content/localize";
import type { Course, Quiz } from "~/content/types";
import { itemAnalysis, type ScoredAttempt } from "./items";

/**
 * Item analysis over each learner's first submitted attempt at the quiz (later attempts are shaped by
 * the feedback of earlier ones), optionally limited to the learners of some cohorts.
 */
export async function questionDifficulty(db: DB, courseId: string, quiz: Quiz, cohortIds?: string[]) {
  let q = db
    .selectFrom("quiz_attempts as a")
    .innerJoin("quiz_answers as ans", "ans.attempt_id", "a.id")
    .select(["a.id", "a.correct_count", "a.question_count", "ans.question_id", "ans.correct"])
    .where("a.course_id", "=", courseId)
    .where("a.quiz_id", "=", quiz.id)
    .where("a.attempt_number", "=", 1)
    .where("a.submitted_at", "is not", null);
  if (cohortIds)
    q = q.where("a.user_id", "in", db.selectFrom("cohort_participants").select("user_id").where("cohort_id", "in", cohortIds.length ? cohortIds : [""]));
  const attempts = new Map<string, ScoredAttempt & { answers: Map<string, boolean> }>();
  for (const r of await q.execute()) {
    let a = attempts.get(r.id);
    if (!a) {
      a = { score: r.question_count ? Number(r.correct_count ?? 0) / r.question_count : 0, answers: new Map() };
      attempts.set(r.id, a);
    }
    a.answers.set(r.question_id, r.correct === 1);
  }
  return { attempts: attempts.size, items: itemAnalysis([...attempts.values()], quiz.questions.map((x) => x.id)) };
}

/** Item tables for every quiz of a course, with the prompts in the course's base language. */
export async function courseQuestionDifficulty(db: DB, course: Course, t: T, cohortIds?: string[]) {
  const out = [];
  for (const quiz of course.quizzes) {
    const { attempts, items } = await questionDifficulty(db, course.id, quiz, cohortIds);
    out.push({
      id: quiz.id,
      title: quizTitle(course, quiz, course.baseLanguage, t),
      attempts,
      items: items.map((i) => ({ ...i, prompt: pick(quiz.questionsById.get(i.questionId)!.prompt, course.baseLanguage) })),
    });
  }
  return out;
}
