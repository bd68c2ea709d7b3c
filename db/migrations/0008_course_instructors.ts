import type { Kysely } from "kysely";

// Which instructors look after which course. Courses live in files, so the course is named by its
// stable id, not a foreign key; the assignment outlives a course's removal and returns with it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("course_instructors")
    .addColumn("course_id", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("assigned_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("course_instructors_pk", ["course_id", "user_id"])
    .execute();
  await db.schema.createIndex("course_instructors_user_idx").on("course_instructors").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("course_instructors").execute();
}
