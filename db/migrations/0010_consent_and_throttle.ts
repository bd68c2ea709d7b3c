import { randomBytes } from "node:crypto";
import type { Kysely } from "kysely";

// Issue 10 (docs/decisions/012 and 013):
// - a cohort place listed by a manager is linked to an account only when its person accepts a
//   personal invitation; places that imports linked without asking are set back to pending;
// - the login lock-out gives way to growing delays, with devices that signed in before trusted;
// - sessions record when and from what browser they began, so their owner can list and end them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("cohort_participants").addColumn("invite_token", "text").execute();
  await db.schema.alterTable("cohort_participants").addColumn("accepted_at", "bigint").execute();
  await db.schema.createIndex("cohort_participants_token_idx").unique().on("cohort_participants").column("invite_token").execute();
  await db.updateTable("cohort_participants").set({ user_id: null }).where("source", "=", "csv").execute();
  await db.updateTable("cohort_participants").set((eb) => ({ accepted_at: eb.ref("added_at") })).where("source", "=", "invite").execute();
  const pending: { cohort_id: string; email: string }[] = await db
    .selectFrom("cohort_participants")
    .select(["cohort_id", "email"])
    .where("user_id", "is", null)
    .execute();
  for (const p of pending)
    await db
      .updateTable("cohort_participants")
      .set({ invite_token: randomBytes(18).toString("base64url") })
      .where("cohort_id", "=", p.cohort_id)
      .where("email", "=", p.email)
      .execute();

  await db.schema.dropTable("login_throttle").execute();
  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("last_failure_at", "bigint", (c) => c.notNull())
    .addColumn("next_allowed_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema
    .createTable("login_devices")
    .addColumn("token_hash", "text", (c) => c.primaryKey())
    .addColumn("user_id", "text", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("last_used_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("login_devices_user_idx").on("login_devices").column("user_id").execute();

  await db.schema.alterTable("sessions").addColumn("created_at", "bigint", (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.alterTable("sessions").addColumn("user_agent", "text").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable("sessions").dropColumn("user_agent").execute();
  await db.schema.alterTable("sessions").dropColumn("created_at").execute();
  await db.schema.dropTable("login_devices").execute();
  await db.schema.dropTable("login_throttle").execute();
  await db.schema
    .createTable("login_throttle")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("failures", "integer", (c) => c.notNull())
    .addColumn("window_started_at", "bigint", (c) => c.notNull())
    .addColumn("locked_until", "bigint")
    .execute();
  await db.schema.dropIndex("cohort_participants_token_idx").execute();
  await db.schema.alterTable("cohort_participants").dropColumn("accepted_at").execute();
  await db.schema.alterTable("cohort_participants").dropColumn("invite_token").execute();
}
