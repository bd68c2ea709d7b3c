import type { Kysely } from "kysely";

// The learner's course summary (0018) moves onto the enrolment row, which has the same key: a report
// then reads one row per learner and course, one join fewer per learner (decision 038). Existing
// progress is summarised again from its own rows, as 0018 did, and the separate table dropped.
export async function up(db: Kysely<any>): Promise<void> {
  /** JSON array of module ids, sorted */
  await db.schema.alterTable("enrolments").addColumn("modules_done", "text", (c) => c.notNull().defaultTo("[]")).execute();
  /** JSON object: quiz id → [best score 0–100, submitted attempts] */
  await db.schema.alterTable("enrolments").addColumn("quizzes", "text", (c) => c.notNull().defaultTo("{}")).execute();
  await backfillSummaries(db);
  await db.schema.dropTable("learner_course_summaries").execute();
}

/**
 * Summarises existing progress onto the enrolments, in batches (keyset on user and course), one
 * transaction per batch unless already in one; also used by scripts/synthetic-data.ts, which writes progress rows directly.
 * The encoding is app/learning/summaries.server.ts's, frozen here: a migration must not change when the app does.
 */
export async function backfillSummaries(db: Kysely<any>): Promise<void> {
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
      .orderBy("quiz_id")
      .execute()) {
      const k = key(a.user_id, a.course_id);
      quizzes.set(k, { ...quizzes.get(k), [a.quiz_id]: [Number(a.best), Number(a.attempts)] });
    }
    // Migrations on Postgres already run in a transaction (Kysely's migrator); on SQLite, one per batch.
    const write = async (trx: Kysely<any>) => {
      for (const k of keys) {
        const m = modules.get(key(k.user_id, k.course_id));
        const q = quizzes.get(key(k.user_id, k.course_id));
        if (!m && !q) continue; // the defaults say nothing done yet
        await trx
          .updateTable("enrolments")
          .set({ modules_done: JSON.stringify((m ?? []).sort()), quizzes: JSON.stringify(q ?? {}) })
          .where("user_id", "=", k.user_id)
          .where("course_id", "=", k.course_id)
          .execute();
      }
    };
    await (db.isTransaction ? write(db) : db.transaction().execute(write));
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("learner_course_summaries")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    .addColumn("modules_done", "text", (c) => c.notNull())
    .addColumn("quizzes", "text", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("learner_course_summaries_pk", ["course_id", "user_id"])
    .execute();
  await db
    .insertInto("learner_course_summaries")
    .columns(["user_id", "course_id", "modules_done", "quizzes", "updated_at"])
    .expression((eb) => eb.selectFrom("enrolments").select(["user_id", "course_id", "modules_done", "quizzes", "last_activity_at"]))
    .execute();
  await db.schema.alterTable("enrolments").dropColumn("quizzes").execute();
  await db.schema.alterTable("enrolments").dropColumn("modules_done").execute();
}
