import type { Kysely } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("scenario_runs")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("course_id", "text", (c) => c.notNull())
    .addColumn("exercise_id", "text", (c) => c.notNull())
    .addColumn("path", "text", (c) => c.notNull()) // JSON: [{ step, choice, at }]
    .addColumn("current_step", "text", (c) => c.notNull())
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("finished_at", "bigint")
    .execute();
  await db.schema.createIndex("scenario_runs_user_idx").on("scenario_runs").columns(["user_id", "course_id", "exercise_id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("scenario_runs").execute();
}
