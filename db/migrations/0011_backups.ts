import type { Kysely } from "kysely";
import { engineOf } from "../dialect";

// Issue 13 (docs/decisions/018-backup-and-restore.md): every backup taken, by the command or from the
// admin page, with what it gave, so an administrator sees when the last good one was made.
export async function up(db: Kysely<any>): Promise<void> {
  // Postgres has no AUTOINCREMENT (an identity column instead) and its integer is 32-bit (a backup
  // may pass 2 GB); SQLite's table is left as it was first created, databases in use have it.
  const pg = engineOf(db) === "postgres";
  await db.schema
    .createTable("backups")
    .addColumn("id", "integer", (c) => (pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement()))
    .addColumn("started_at", "bigint", (c) => c.notNull())
    .addColumn("duration_ms", "integer", (c) => c.notNull())
    .addColumn("file", "text", (c) => c.notNull())
    .addColumn("size_bytes", pg ? "bigint" : "integer", (c) => c.notNull())
    .addColumn("tables", "integer", (c) => c.notNull())
    // "command" (npm run db:backup, e.g. from cron) or "admin" (the admin page, by user_id)
    .addColumn("started_by", "text", (c) => c.notNull())
    .addColumn("user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    // "ok", or what integrity_check (or the copy itself) reported
    .addColumn("integrity", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("backups_started_idx").on("backups").column("started_at").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("backups").execute();
}
