import type { Kysely } from "kysely";

// Issue 13, accounts (docs/decisions/022-account-deletion.md): an account can be disabled (and
// enabled again) and deleted. A deleted account keeps its row, anonymised, so the enrolments,
// progress and attempts that reports count still belong to someone; `deleted_at` says it is gone.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").addColumn("disabled_at", "bigint").execute();
  await db.schema.alterTable("users").addColumn("deleted_at", "bigint").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("users").dropColumn("deleted_at").execute();
  await db.schema.alterTable("users").dropColumn("disabled_at").execute();
}
