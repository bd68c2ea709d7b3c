// Accounts an administrator manages (issue 13, docs/decisions/022-account-deletion.md): creating one,
// editing its name and email, disabling and enabling it, deleting it. Every change and its audit
// entry are written in one transaction.
import { randomUUID } from "node:crypto";
import type { z } from "zod";
import type { DB } from "@db/index";
import type { Role } from "@db/schema";
import { recordAudit } from "~/admin/audit.server";
import type { NewAccountForm } from "~/auth/forms.server";
import { issueResetLink, type IssuedLink } from "~/auth/passwords.server";
import { scopeOf } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { normaliseEmail } from "~/auth/users.server";
import type { FieldErrors } from "~/lib/forms";
import type { Runtime } from "~/runtime.server";

/** What a password hash column holds when there is no password: `verifyPassword` never accepts it. */
export const NO_PASSWORD = "!none";
/** The domain of a deleted account's address: `.invalid` is reserved (RFC 2606), so no mail can reach it. */
const DELETED_DOMAIN = "deleted.invalid";

const manages = (actor: SessionUser) => scopeOf(actor.role, "users.manage") === "any";

// Creating --------------------------------------------------------------------------------------

export type Created =
  | { ok: true; userId: string; reset: IssuedLink & { ok: true } }
  | { ok: false; status: 403 | 409; errors: FieldErrors };

/**
 * A new account with no password: its person chooses one with the one-time link returned (shown
 * once to the administrator, and emailed when email is configured). The address is unique whatever
 * its case: addresses are kept in lower case, and the unique index settles a race.
 */
export async function createAccount(rt: Runtime, request: Request, actor: SessionUser, input: z.infer<typeof NewAccountForm>, now = Date.now()): Promise<Created> {
  if (!manages(actor)) return { ok: false, status: 403, errors: { form: "form.error.invalid" } };
  const account = { id: randomUUID(), email: normaliseEmail(input.email), name: input.name.trim(), role: input.role, locale: input.locale };
  const created = await rt.db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("users")
      .values({ ...account, password_hash: NO_PASSWORD, created_at: now, country: null, organisation: null, org_type: null, gender: null, disabled_at: null, deleted_at: null })
      .onConflict((oc) => oc.column("email").doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return false;
    const { id: _id, ...after } = account;
    await recordAudit(trx, { actorId: actor.id, action: "user.created", targetType: "user", targetId: account.id, targetLabel: account.email, details: { after } }, now);
    return true;
  });
  if (!created) return { ok: false, status: 409, errors: { email: "admin.account.error.emailTaken" } };
  // A link of its own transaction (and audit entry): if it failed, the account page issues another.
  const reset = await issueResetLink(rt, request, actor, account, "welcome");
  return { ok: true, userId: account.id, reset };
}

// One account's page ----------------------------------------------------------------------------

async function activeAdmins(db: DB): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin")
    .where("disabled_at", "is", null)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** The account, unless unknown or deleted; times as numbers (Postgres returns bigints as strings). */
async function liveAccount(db: DB, userId: string) {
  const row = await db
    .selectFrom("users")
    .select(["id", "name", "email", "role", "locale", "created_at", "disabled_at", "password_hash"])
    .where("id", "=", userId)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  if (!row) return undefined;
  const { password_hash, ...account } = row;
  return {
    ...account,
    created_at: Number(account.created_at),
    disabled_at: account.disabled_at === null ? null : Number(account.disabled_at),
    hasPassword: password_hash.startsWith("scrypt$"),
  };
}

/** Why an administrator may not disable or delete this account, if they may not. */
async function protectedAccount(db: DB, actor: SessionUser, target: { id: string; role: Role; disabled_at: number | null }): Promise<"self" | "last_admin" | null> {
  if (target.id === actor.id) return "self";
  if (target.role === "admin" && target.disabled_at === null && (await activeAdmins(db)) <= 1) return "last_admin";
  return null;
}

/** The account's page: its details, its live sessions, and whether it may be disabled or deleted. null: unknown or deleted. */
export async function accountView(rt: Runtime, actor: SessionUser, userId: string) {
  if (!manages(actor)) return null;
  const account = await liveAccount(rt.db, userId);
  if (!account) return null;
  const sessions = await rt.db
    .selectFrom("sessions")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("expires_at", ">", Date.now())
    .executeTakeFirst();
  return { account, sessions: Number(sessions?.n ?? 0), protected: await protectedAccount(rt.db, actor, account) };
}

export type AccountChange =
  | { ok: true; message: "admin.account.saved" | "admin.account.unchanged" | "admin.account.disabled" | "admin.account.enabled" }
  | { ok: false; status: 400 | 404 | 409; errors: FieldErrors };

/** Its name and email. A new address must be free (whatever its case); nothing else changes: sessions go on. */
export async function editAccount(db: DB, actor: SessionUser, userId: string, input: { name: string; email: string }, now = Date.now()): Promise<AccountChange> {
  if (!manages(actor)) return { ok: false, status: 404, errors: {} };
  const next = { name: input.name.trim(), email: normaliseEmail(input.email) };
  return db.transaction().execute(async (trx): Promise<AccountChange> => {
    const before = await liveAccount(trx, userId);
    if (!before) return { ok: false, status: 404, errors: {} };
    const changed = (["name", "email"] as const).filter((k) => before[k] !== next[k]);
    if (!changed.length) return { ok: true, message: "admin.account.unchanged" };
    if (changed.includes("email")) {
      const taken = await trx.selectFrom("users").select("id").where("email", "=", next.email).where("id", "!=", userId).executeTakeFirst();
      if (taken) return { ok: false, status: 409, errors: { email: "admin.account.error.emailTaken" } };
    }
    await trx.updateTable("users").set(next).where("id", "=", userId).execute();
    const pick = (v: { name: string; email: string }) => Object.fromEntries(changed.map((k) => [k, v[k]]));
    await recordAudit(trx, { actorId: actor.id, action: "user.edited", targetType: "user", targetId: userId, targetLabel: next.email, details: { before: pick(before), after: pick(next) } }, now);
    return { ok: true, message: "admin.account.saved" };
  });
}

/** Throws away what lets anyone act as the account: its sessions, trusted browsers and reset links. */
async function endAccess(trx: DB, userId: string) {
  await trx.deleteFrom("sessions").where("user_id", "=", userId).execute();
  await trx.deleteFrom("login_devices").where("user_id", "=", userId).execute();
  await trx.deleteFrom("password_resets").where("user_id", "=", userId).execute();
}

/**
 * Disables (every session ends, reset links stop working, signing in is refused with a message) or
 * enables the account again. Never one's own account, nor the last administrator who can sign in.
 */
export async function setAccountDisabled(db: DB, actor: SessionUser, userId: string, disabled: boolean, now = Date.now()): Promise<AccountChange> {
  if (!manages(actor)) return { ok: false, status: 404, errors: {} };
  return db.transaction().execute(async (trx): Promise<AccountChange> => {
    const before = await liveAccount(trx, userId);
    if (!before) return { ok: false, status: 404, errors: {} };
    const wasDisabled = before.disabled_at !== null;
    if (wasDisabled === disabled) return { ok: true, message: "admin.account.unchanged" };
    if (disabled) {
      const refusal = await protectedAccount(trx, actor, { ...before, disabled_at: null });
      if (refusal) return { ok: false, status: 409, errors: { form: refusal === "self" ? "admin.account.error.self" : "admin.account.error.lastAdmin" } };
      await endAccess(trx, userId);
    }
    await trx.updateTable("users").set({ disabled_at: disabled ? now : null }).where("id", "=", userId).execute();
    await recordAudit(
      trx,
      { actorId: actor.id, action: disabled ? "user.disabled" : "user.enabled", targetType: "user", targetId: userId, targetLabel: before.email, details: { before: { disabled: wasDisabled }, after: { disabled } } },
      now,
    );
    return { ok: true, message: disabled ? "admin.account.disabled" : "admin.account.enabled" };
  });
}

// Deleting ----------------------------------------------------------------------------------------

export type Deleted = { ok: true } | { ok: false; status: 404 | 409; errors: FieldErrors };

const placeholderEmail = () => `deleted-${randomUUID()}@${DELETED_DOMAIN}`;

/**
 * Deletes the person from the account (decision 022 says what is kept and why). The row stays, so
 * the enrolments, progress and attempts the reports count keep their owner; what names or reaches the
 * person is erased: name, email, password, organisation, sessions, trusted browsers, reset links,
 * login delays, drafts and their comments, scenario runs, the name on certificates, and the name,
 * address and organisation of their cohort places. Country, organisation type and gender stay, so the
 * reports' breakdowns keep their totals.
 *
 * Cohort places are grouped by address in the reports: each address of the person's places (and the
 * account's own address) is replaced by one new placeholder everywhere it is listed, so a person
 * listed in several cohorts still counts once.
 */
export async function deleteAccount(db: DB, actor: SessionUser, userId: string, now = Date.now()): Promise<Deleted> {
  if (!manages(actor)) return { ok: false, status: 404, errors: {} };
  return db.transaction().execute(async (trx): Promise<Deleted> => {
    const before = await liveAccount(trx, userId);
    if (!before) return { ok: false, status: 404, errors: {} };
    const refusal = await protectedAccount(trx, actor, before);
    if (refusal) return { ok: false, status: 409, errors: { form: refusal === "self" ? "admin.account.error.self" : "admin.account.error.lastAdmin" } };

    await endAccess(trx, userId);
    await trx
      .deleteFrom("login_throttle")
      .where("key", "in", [`email:${before.email}`, `forgot-email:${before.email}`, `password:${userId}`])
      .execute();

    // Cohort places: the person's own, and listings of their addresses nobody else accepted. One
    // statement per address binds one placeholder to all its rows, so the grouping by address holds.
    const own = await trx.selectFrom("cohort_participants").select("email").where("user_id", "=", userId).execute();
    const addresses = [...new Set([before.email, ...own.map((p) => p.email)])];
    for (const address of addresses) {
      await trx
        .updateTable("cohort_participants")
        .set({ email: placeholderEmail(), name: "", organisation: null, invite_token: null })
        .where("email", "=", address)
        .where((eb) => eb.or([eb("user_id", "=", userId), eb("user_id", "is", null)]))
        .execute();
    }
    // Their writing, and reviewers' comments on it.
    await trx.deleteFrom("exercise_comments").where("user_id", "=", userId).execute();
    await trx.deleteFrom("exercise_drafts").where("user_id", "=", userId).execute();
    await trx.deleteFrom("scenario_runs").where("user_id", "=", userId).execute();
    // Certificates stay (issued, counted); the name printed on them goes. /verify says so.
    await trx.updateTable("certificates").set({ learner_name: "" }).where("user_id", "=", userId).execute();
    // No role survives the person: the row can do nothing.
    await trx.deleteFrom("cohort_managers").where("user_id", "=", userId).execute();
    await trx.deleteFrom("course_instructors").where("user_id", "=", userId).execute();
    await trx
      .updateTable("users")
      .set({ name: "", email: `deleted-${userId}@${DELETED_DOMAIN}`, password_hash: NO_PASSWORD, organisation: null, role: "learner", disabled_at: null, deleted_at: now })
      .where("id", "=", userId)
      .execute();

    await recordAudit(
      trx,
      {
        actorId: actor.id,
        action: "user.deleted",
        targetType: "user",
        targetId: userId,
        targetLabel: before.email,
        details: { before: { name: before.name, email: before.email, role: before.role }, kept: ["country", "org_type", "gender", "enrolments", "progress", "quiz_attempts", "certificates"] },
      },
      now,
    );
    return { ok: true };
  });
}
