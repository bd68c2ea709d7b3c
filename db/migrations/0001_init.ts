import { type Kysely, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("users")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("email", "text", (c) => c.notNull().unique())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("role", "text", (c) => c.notNull().defaultTo("learner"))
    .addColumn("locale", "text", (c) => c.notNull().defaultTo("en"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addCheckConstraint("users_role_check", sql`role in ('learner','instructor','manager','admin')`)
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user_id_idx").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "bigint", (c) => c.notNull())
    .addColumn("locked_until", "bigint")
    .execute();

  await db.schema
    .createTable("enrolments")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    .addColumn("enrolled_at", "bigint", (c) => c.notNull())
    .addColumn("last_activity_at", "bigint", (c) => c.notNull())
    .addColumn("last_lesson_id", "text")
    .addColumn("completed_at", "bigint")
    .addPrimaryKeyConstraint("enrolments_pk", ["user_id", "course_id"])
    .execute();
  await db.schema.createIndex("enrolments_course_idx").on("enrolments").column("course_id").execute();

  await db.schema
    .createTable("lesson_progress")
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    .addColumn("lesson_id", "text", (c) => c.notNull())
    .addColumn("first_viewed_at", "bigint", (c) => c.notNull())
    .addColumn("completed_at", "bigint")
    .addPrimaryKeyConstraint("lesson_progress_pk", ["user_id", "course_id", "lesson_id"])
    .execute();

  await db.schema
    .createTable("quiz_attempts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    .addColumn("quiz_id", "text", (c) => c.notNull())
    .addColumn("attempt_number", "integer", (c) => c.notNull())
    .addColumn("layout", "text", (c) => c.notNull())
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("submitted_at", "bigint")
    .addColumn("question_count", "integer", (c) => c.notNull())
    .addColumn("correct_count", "integer")
    .addColumn("score_percent", "real")
    .addColumn("passed", "integer")
    // Two concurrent "start attempt" posts cannot both create attempt N.
    .addUniqueConstraint("quiz_attempts_number_uq", ["user_id", "course_id", "quiz_id", "attempt_number"])
    .execute();

  await db.schema
    .createTable("quiz_answers")
    .addColumn("attempt_id", "text", (c) => c.notNull().references("quiz_attempts.id").onDelete("cascade"))
    .addColumn("question_id", "text", (c) => c.notNull())
    .addColumn("response", "text", (c) => c.notNull())
    .addColumn("correct", "integer", (c) => c.notNull())
    .addColumn("answered_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("quiz_answers_pk", ["attempt_id", "question_id"])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["quiz_answers", "quiz_attempts", "lesson_progress", "enrolments", "login_throttle", "sessions", "users"]) {
    await db.schema.dropTable(t).execute();
  }
}
