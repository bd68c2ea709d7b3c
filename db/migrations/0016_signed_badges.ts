import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";

// Frozen copies of app/certificates/status.ts's constants: a migration must not change when the app does.
const LIST_SIZE = 131072;
const STRIDE = 48271;

export async function up(db: Kysely<any>): Promise<void> {
  // The issuer's signing keys (docs/decisions/026-signed-badges.md). A retired key keeps its public
  // half, so the badges it signed still verify, and loses its private half.
  await db.schema
    .createTable("issuer_keys")
    .addColumn("kid", "text", (c) => c.primaryKey())
    .addColumn("public_jwk", "text", (c) => c.notNull())
    .addColumn("private_jwk", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("retired_at", "bigint")
    .execute();
  // One row per counter; status-list positions are taken from it with UPDATE … RETURNING.
  await db.schema
    .createTable("badge_counters")
    .addColumn("name", "text", (c) => c.primaryKey())
    .addColumn("value", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.alterTable("certificates").addColumn("status_list", "integer").execute();
  await db.schema.alterTable("certificates").addColumn("status_index", "integer").execute();
  // sha256$hex(email + salt), fixed at issue like the name (decision 009).
  await db.schema.alterTable("certificates").addColumn("recipient_hash", "text").execute();
  await db.schema.alterTable("certificates").addColumn("recipient_salt", "text").execute();
  await db.schema.createIndex("certificates_status_uq").on("certificates").columns(["status_list", "status_index"]).unique().execute();

  // Certificates issued before this migration get their position and recipient hash now.
  const existing = await db
    .selectFrom("certificates as c")
    .innerJoin("users as u", "u.id", "c.user_id")
    .select(["c.id", "u.email"])
    .orderBy("c.issued_at")
    .orderBy("c.id")
    .execute();
  let n = 0;
  for (const row of existing as { id: string; email: string }[]) {
    const salt = randomBytes(16).toString("hex");
    await db
      .updateTable("certificates")
      .set({
        status_list: Math.floor(n / LIST_SIZE) + 1,
        status_index: (n * STRIDE) % LIST_SIZE,
        recipient_salt: salt,
        recipient_hash: "sha256$" + createHash("sha256").update(row.email.trim().toLowerCase() + salt, "utf8").digest("hex"),
      })
      .where("id", "=", row.id)
      .execute();
    n++;
  }
  await db.insertInto("badge_counters").values({ name: "status", value: n }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("certificates_status_uq").execute();
  for (const col of ["recipient_salt", "recipient_hash", "status_index", "status_list"]) await db.schema.alterTable("certificates").dropColumn(col).execute();
  await db.schema.dropTable("badge_counters").execute();
  await db.schema.dropTable("issuer_keys").execute();
}
