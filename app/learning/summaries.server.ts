import type { Kysely, Transaction } from "kysely";
import type { Database } from "@db/schema";

type Q = Kysely<Database> | Transaction<Database>;

/** What a report needs of one learner's progress in one course (decoded from learner_course_summaries). */
export interface CourseSummary {
  modulesCompleted: Set<string>;
  quizzes: Map<string, { best: number; attempts: number }>;
}

/**
 * Recomputes the learner's summary for the course from the progress rows and stores it. Called inside
 * the transaction of every write that changes them (a module completed, an attempt submitted), so a
 * report never sees progress without its summary. Recomputing rather than adjusting keeps it right
 * whatever happened before, at the cost of two indexed reads of one learner's rows.
 */
export async function refreshCourseSummary(trx: Q, userId: string, courseId: string, now = Date.now()) {
  const [modules, quizzes] = await Promise.all([
    trx.selectFrom("module_progress").select("module_id").where("course_id", "=", courseId).where("user_id", "=", userId).execute(),
    trx
      .selectFrom("quiz_attempts")
      .select(["quiz_id", (eb) => eb.fn.max("score_percent").as("best"), (eb) => eb.fn.countAll<number>().as("attempts")])
      .where("course_id", "=", courseId)
      .where("user_id", "=", userId)
      .where("submitted_at", "is not", null)
      .groupBy("quiz_id")
      .execute(),
  ]);
  const row = {
    modules_done: JSON.stringify(modules.map((m) => m.module_id).sort()),
    quizzes: JSON.stringify(Object.fromEntries(quizzes.map((q) => [q.quiz_id, [Number(q.best), Number(q.attempts)]]))),
    updated_at: now,
  };
  await trx
    .insertInto("learner_course_summaries")
    .values({ user_id: userId, course_id: courseId, ...row })
    .onConflict((oc) => oc.columns(["course_id", "user_id"]).doUpdateSet(row))
    .execute();
}

export function decodeSummary(row: { modules_done: string; quizzes: string }): CourseSummary {
  const quizzes = JSON.parse(row.quizzes) as Record<string, [number, number]>;
  return {
    modulesCompleted: new Set(JSON.parse(row.modules_done) as string[]),
    quizzes: new Map(Object.entries(quizzes).map(([id, [best, attempts]]) => [id, { best, attempts }])),
  };
}
