import type { Kysely } from "kysely";

// Issue 13 (docs/decisions/021-passwords-and-email.md):
// - one-time password reset links, of which only a SHA-256 of the token is kept;
// - when each personal cohort invitation was last emailed, so "send by email" skips those already sent.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable("password_resets")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    // who issued it (an administrator or a cohort's manager); null when its owner asked by email
    .addColumn("created_by", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("password_resets_user_idx").on("password_resets").column("user_id").execute();
  await db.schema.alterTable("cohort_participants").addColumn("invite_emailed_at", "bigint").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cohort_participants").dropColumn("invite_emailed_at").execute();
  await db.schema.dropTable("password_resets").execute();
}
