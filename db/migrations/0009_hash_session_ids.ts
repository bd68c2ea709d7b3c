import { createHash } from "node:crypto";
import type { Kysely } from "kysely";

// Sessions are now stored by the SHA-256 of their id (app/auth/adapter.server.ts, decision 004).
// Existing rows are re-keyed rather than deleted, so nobody is signed out by the upgrade.
export async function up(db: Kysely<any>): Promise<void> {
  const rows: { id: string }[] = await db.selectFrom("sessions").select("id").execute();
  for (const { id } of rows) {
    const digest = createHash("sha256").update(id).digest("hex");
    await db.updateTable("sessions").set({ id: digest }).where("id", "=", id).execute();
  }
}

// Digests cannot be turned back into ids: going down signs everyone out.
export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom("sessions").execute();
}
