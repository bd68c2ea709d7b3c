import type { Kysely } from "kysely";

// One row per learner and course with what the completion reports need of their progress: the modules
// completed and, per quiz, the best score and the number of submitted attempts (decision 030). Kept up
// to date in the same transaction as the progress writes (app/learning/summaries.server.ts), so a
// report reads one row per learner instead of grouping every attempt. Portable: text for JSON.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("learner_course_summaries")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    /** JSON array of module ids, sorted */
    .addColumn("modules_done", "text", (c) => c.notNull())
    /** JSON object: quiz id → [best score 0–100, submitted attempts] */
    .addColumn("quizzes", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("learner_course_summaries_pk", ["course_id", "user_id"])
    .execute();
  await backfillSummaries(db);
}

/**
 * Summarises existing progress, in batches of enrolments (keyset on user and course); also used by
 * scripts/synthetic-data.ts, which writes progress rows directly.
 */
export async function backfillSummaries(db: Kysely<any>): Promise<void> {
  const now = Date.now();
  let after = { user_id: "", course_id: "" };
  for (;;) {
    const keys: { user_id: string; course_id: string }[] = await db
      .selectFrom("enrolments")
      .select(["user_id", "course_id"])
      .where((eb) => eb.or([eb("user_id", ">", after.user_id), eb.and([eb("user_id", "=", after.user_id), eb("course_id", ">", after.course_id)])]))
      .orderBy("user_id")
      .orderBy("course_id")
      .limit(2000)
      .execute();
    if (keys.length === 0) break;
    after = keys[keys.length - 1]!;
    const users = [...new Set(keys.map((k) => k.user_id))];
    const modules = new Map<string, string[]>();
    const quizzes = new Map<string, Record<string, [number, number]>>();
    const key = (u: string, c: string) => `${u}\u0000${c}`;
    for (const m of await db.selectFrom("module_progress").select(["user_id", "course_id", "module_id"]).where("user_id", "in", users).execute()) {
      const k = key(m.user_id, m.course_id);
      modules.set(k, [...(modules.get(k) ?? []), m.module_id]);
    }
    for (const a of await db
      .selectFrom("quiz_attempts")
      .select(["user_id", "course_id", "quiz_id", (eb) => eb.fn.max("score_percent").as("best"), (eb) => eb.fn.countAll().as("attempts")])
      .where("user_id", "in", users)
      .where("submitted_at", "is not", null)
      .groupBy(["user_id", "course_id", "quiz_id"])
      .execute()) {
      const k = key(a.user_id, a.course_id);
      quizzes.set(k, { ...quizzes.get(k), [a.quiz_id]: [Number(a.best), Number(a.attempts)] });
    }
    const rows = keys.map((k) => ({
      user_id: k.user_id,
      course_id: k.course_id,
      modules_done: JSON.stringify((modules.get(key(k.user_id, k.course_id)) ?? []).sort()),
      quizzes: JSON.stringify(quizzes.get(key(k.user_id, k.course_id)) ?? {}),
      updated_at: now,
    }));
    for (let i = 0; i < rows.length; i += 500) await db.insertInto("learner_course_summaries").values(rows.slice(i, i + 500)).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("learner_course_summaries").execute();
}
