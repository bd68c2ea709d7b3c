import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("cohorts")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("programme", "text", (c) => c.notNull())
    .addColumn("starts_on", "text", (c) => c.notNull()) // ISO date, YYYY-MM-DD
    .addColumn("ends_on", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull().references("users.id"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("cohort_courses")
    .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("cohort_courses_pk", ["cohort_id", "course_id"])
    .execute();
  await db.schema
    .createTable("cohort_managers")
    .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("cohort_managers_pk", ["cohort_id", "user_id"])
    .execute();
  await db.schema.createIndex("cohort_managers_user_idx").on("cohort_managers").column("user_id").execute();
  // Participants are listed by email, with or without an account yet: a CSV can name people who
  // have not registered; they are linked (and enrolled) when an account with that address exists.
  await db.schema
    .createTable("cohort_participants")
    .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("country", "text")
    .addColumn("organisation", "text")
    .addColumn("org_type", "text")
    .addColumn("gender", "text")
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("added_at", "bigint", (c) => c.notNull())
    .addPrimaryKeyConstraint("cohort_participants_pk", ["cohort_id", "email"])
    .execute();
  await db.schema.createIndex("cohort_participants_email_idx").on("cohort_participants").column("email").execute();
  await db.schema.createIndex("cohort_participants_user_idx").on("cohort_participants").column("user_id").execute();
  await db.schema
    .createTable("cohort_invites")
    .addColumn("code", "text", (c) => c.primaryKey())
    .addColumn("cohort_id", "text", (c) => c.notNull().references("cohorts.id").onDelete("cascade"))
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .addColumn("max_uses", "integer", (c) => c.notNull())
    .addColumn("uses", "integer", (c) => c.notNull().defaultTo(0))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ["cohort_invites", "cohort_participants", "cohort_managers", "cohort_courses", "cohorts"]) await db.schema.dropTable(t).execute();
}
