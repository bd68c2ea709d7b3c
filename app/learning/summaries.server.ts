import type { Kysely, Transaction } from "kysely";
import type { Database } from "@db/schema";

type Q = Kysely<Database> | Transaction<Database>;

/**
 * Recomputes the learner's summary for the course from the progress rows and stores it on their
 * enrolment (migration 0019). Called inside the transaction of every write that changes them (a
 * module completed, an attempt submitted), so a report never sees progress without its summary.
 * Recomputing rather than adjusting keeps it right whatever happened before, at the cost of two
 * indexed reads of one learner's rows. Quizzes in id order: the average adds their scores in that order.
 */
export async function refreshCourseSummary(trx: Q, userId: string, courseId: string) {
  const [modules, quizzes] = await Promise.all([
    trx.selectFrom("module_progress").select("module_id").where("course_id", "=", courseId).where("user_id", "=", userId).execute(),
    trx
      .selectFrom("quiz_attempts")
      .select(["quiz_id", (eb) => eb.fn.max("score_percent").as("best"), (eb) => eb.fn.countAll<number>().as("attempts")])
      .where("course_id", "=", courseId)
      .where("user_id", "=", userId)
      .where("submitted_at", "is not", null)
      .groupBy("quiz_id")
      .orderBy("quiz_id")
      .execute(),
  ]);
  await trx
    .updateTable("enrolments")
    .set({
      modules_done: JSON.stringify(modules.map((m) => m.module_id).sort()),
      quizzes: JSON.stringify(Object.fromEntries(quizzes.map((q) => [q.quiz_id, [Number(q.best), Number(q.attempts)]]))),
    })
    .where("user_id", "=", userId)
    .where("course_id", "=", courseId)
    .execute();
}

/** A summary's quizzes (JSON: quiz id → [best score, submitted attempts]) as the reports read them. */
export function decodeQuizzes(json: string): Map<string, { best: number; attempts: number }> {
  const quizzes = JSON.parse(json) as Record<string, [number, number]>;
  const map = new Map<string, { best: number; attempts: number }>();
  for (const id in quizzes) map.set(id, { best: quizzes[id]![0], attempts: quizzes[id]![1] });
  return map;
}
