import type { Kysely } from "kysely";

// Issue 13, cohorts over time (docs/decisions/023-cohorts-over-time.md):
// - one more quiz attempt granted to a learner, with who granted it and why; the attempt-limit logic
//   counts these rows. One row per attempt number it opens, so two managers granting at the same
//   moment open one attempt, not two;
// - personal invitations withdrawn by a manager, so that their link says so rather than "not found".
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("quiz_attempt_grants")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    .addColumn("quiz_id", "text", (c) => c.notNull())
    // the number of the attempt this grant allows (the learner's attempts so far + 1)
    .addColumn("attempt_number", "integer", (c) => c.notNull())
    .addColumn("granted_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("granted_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("quiz_attempt_grants_attempt_idx")
    .on("quiz_attempt_grants")
    .columns(["user_id", "course_id", "quiz_id", "attempt_number"])
    .unique()
    .execute();
  await db.schema
    .createTable("withdrawn_invitations")
    .addColumn("token", "text", (c) => c.primaryKey())
    .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("withdrawn_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("withdrawn_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("withdrawn_invitations").execute();
  await db.schema.dropTable("quiz_attempt_grants").execute();
}
