import type { Kysely } from "kysely";

// Report support, maintained when learners act so that reports read one row per learner and module
// instead of re-deriving them from every lesson view: when a learner started, and when each module
// was completed.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("enrolments").addColumn("started_at", "bigint").execute();
  await db.schema
    .createTable("module_progress")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    .addColumn("module_id", "text", (c) => c.notNull())
    .addColumn("completed_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("module_progress_pk", ["course_id", "user_id", "module_id"])
    .execute();
  await db.schema.createIndex("quiz_attempts_course_user_idx").on("quiz_attempts").columns(["course_id", "user_id", "quiz_id"]).execute();
  await db.schema.createIndex("cohort_participants_cohort_user_idx").on("cohort_participants").columns(["cohort_id", "user_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("cohort_participants_cohort_user_idx").execute();
  await db.schema.dropIndex("quiz_attempts_course_user_idx").execute();
  await db.schema.dropTable("module_progress").execute();
  await db.schema.alterTable("enrolments").dropColumn("started_at").execute();
}
