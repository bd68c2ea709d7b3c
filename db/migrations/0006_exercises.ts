import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("exercise_drafts")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    .addColumn("exercise_id", "text", (c) => c.notNull())
    .addColumn("answers", "text", (c) => c.notNull()) // JSON: prompt id → text, or rows of cells
    .addColumn("status", "text", (c) => c.notNull()) // draft | submitted | returned | accepted
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("submitted_at", "bigint")
    .addColumn("reviewed_at", "bigint")
    .addPrimaryKeyConstraint("exercise_drafts_pk", ["user_id", "course_id", "exercise_id"])
    .execute();
  await db.schema.createIndex("exercise_drafts_status_idx").on("exercise_drafts").columns(["status", "submitted_at"]).execute();
  await db.schema
    .createTable("exercise_comments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    .addColumn("exercise_id", "text", (c) => c.notNull())
    .addColumn("author_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("exercise_comments_draft_idx").on("exercise_comments").columns(["user_id", "course_id", "exercise_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("exercise_comments").execute();
  await db.schema.dropTable("exercise_drafts").execute();
}
