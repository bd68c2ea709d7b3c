import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("certificates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("code", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    // What was certified, fixed at issue: a later content or profile change does not rewrite it.
    .addColumn("learner_name", "text", (c) => c.notNull())
    .addColumn("course_title", "text", (c) => c.notNull()) // JSON: language → title
    .addColumn("hours", "real", (c) => c.notNull())
    .addColumn("programme", "text", (c) => c.notNull())
    .addColumn("issued_at", "bigint", (c) => c.notNull())
    .addColumn("revoked_at", "bigint")
    .addColumn("revoked_reason", "text")
    // Issued once per learner and course, even when two requests race.
    .addUniqueConstraint("certificates_user_course_uq", ["user_id", "course_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("certificates").execute();
}
