// Changing a password, and one-time links to set a new one (issue 13, docs/decisions/021-passwords-and-email.md).
import { createHash, randomBytes } from "node:crypto";
import type { z } from "zod";
import type { DB } from "@db/index";
import { readCookie } from "~/lib/cookies.server";
import { paths } from "~/lib/links";
import { deliver, resetMail, type MailOutcome } from "~/mail/mail.server";
import type { Runtime } from "~/runtime.server";
import { DEVICE_COOKIE, trustDevice } from "./devices.server";
import type { ForgotPasswordForm } from "./forms.server";
import { hashPassword, verifyPassword } from "./password.server";
import { scopeOf, type Permission } from "./permissions";
import { endOtherSessions, startSession, type SessionUser } from "./session.server";
import { clearFailures, recordFailure, retryAt, takeFromBucket } from "./throttle.server";
import { normaliseEmail, REGISTRATION_BURST, REGISTRATION_INTERVAL_MS } from "./users.server";
import { recordAudit } from "~/admin/audit.server";
import { publicOrigin } from "~/lib/public-url.server";

/**
 * How long a link works. One issued by staff is passed on by hand (a message, a call) and may wait
 * for its reader across time zones: a day. One its owner asked for by email is used at once: an hour.
 */
export const RESET_LIFETIME_MS = { issued: 24 * 60 * 60_000, requested: 60 * 60_000 } as const;

/** One address receives at most 3 emailed links at once, then one every 10 minutes (a mailbox is not a target). */
const EMAIL_BURST = 3;
const EMAIL_INTERVAL_MS = 10 * 60_000;

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** What the table keeps instead of a link's token: a copy of the database opens no link. */
export function resetDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * A new link for `userId`: a 256-bit token, returned once and kept only as its digest. A link issued
 * by staff replaces the user's earlier links; one asked for by email replaces only earlier emailed
 * ones, so a stranger asking for links cannot spoil the one an administrator is passing on.
 */
export async function createResetLink(db: DB, userId: string, issuedBy: string | null, now = Date.now()): Promise<{ token: string; expiresAt: number }> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = now + (issuedBy === null ? RESET_LIFETIME_MS.requested : RESET_LIFETIME_MS.issued);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("password_resets").where("expires_at", "<=", now).execute();
    let earlier = trx.deleteFrom("password_resets").where("user_id", "=", userId);
    if (issuedBy === null) earlier = earlier.where("created_by", "is", null);
    await earlier.execute();
    await trx.insertInto("password_resets").values({ token_hash: resetDigest(token), user_id: userId, created_by: issuedBy, created_at: now, expires_at: expiresAt }).execute();
    // A link staff issue is an action on someone's account: it is audited (decision 020).
    if (issuedBy !== null) {
      const target = await trx.selectFrom("users").select("email").where("id", "=", userId).executeTakeFirst();
      await recordAudit(trx, { actorId: issuedBy, action: "user.reset_link_issued", targetType: "user", targetId: userId, targetLabel: target?.email ?? userId, details: { expiresAt } }, now);
    }
  });
  return { token, expiresAt };
}

/** The account a link opens, while it works; null when it is unknown, used, replaced or expired. */
export async function findResetLink(db: DB, token: string | undefined, now = Date.now()) {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  const row = await db
    .selectFrom("password_resets as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .select(["u.id as userId", "u.email", "u.name", "r.expires_at"])
    .where("r.token_hash", "=", resetDigest(token))
    .where("r.expires_at", ">", now)
    // A disabled or deleted account's links open nothing (decision 022).
    .where("u.disabled_at", "is", null)
    .where("u.deleted_at", "is", null)
    .executeTakeFirst();
  return row ? { userId: row.userId, email: row.email, name: row.name, expiresAt: Number(row.expires_at) } : null;
}

/** The reset page: for whom the link is and until when, or null (the page then says it does not work). */
export async function resetLinkView(db: DB, token: string | undefined) {
  const link = await findResetLink(db, token);
  return link ? { email: link.email, expiresAt: link.expiresAt } : null;
}

export type ResetResult = { ok: true; headers: Headers } | { ok: false };

/**
 * Spends a link: the new password is set, every session of the account ends and every browser it
 * trusted is forgotten (whoever had them is out), then this browser is signed in and trusted. The
 * link is spent by a conditional delete, so two uses racing for it cannot both succeed.
 */
export async function resetPassword(rt: Runtime, request: Request, token: string | undefined, password: string, now = Date.now()): Promise<ResetResult> {
  const { db, config } = rt;
  const link = await findResetLink(db, token, now);
  if (!link || !token) return { ok: false };
  const password_hash = await hashPassword(password, config.PASSWORD_HASH_COST);
  const spent = await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom("password_resets").where("token_hash", "=", resetDigest(token)).where("expires_at", ">", now).returning("user_id").executeTakeFirst();
    if (!row) return false;
    await trx.updateTable("users").set({ password_hash }).where("id", "=", row.user_id).execute();
    await trx.deleteFrom("password_resets").where("user_id", "=", row.user_id).execute();
    await trx.deleteFrom("sessions").where("user_id", "=", row.user_id).execute();
    await trx.deleteFrom("login_devices").where("user_id", "=", row.user_id).execute();
    return true;
  });
  if (!spent) return { ok: false };
  // They proved they hold the account: the delays strangers' guesses put on it are lifted.
  await clearFailures(db, `email:${normaliseEmail(link.email)}`);
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(rt, link.userId, request));
  headers.append("Set-Cookie", await trustDevice(db, link.userId, readCookie(request.headers.get("Cookie"), DEVICE_COOKIE), config.SESSION_COOKIE_SECURE));
  return { ok: true, headers };
}

// Issued by staff -------------------------------------------------------------------------------

export type IssuedLink =
  | { ok: true; link: string; name: string; expiresAt: number; mail: MailOutcome }
  | { ok: false; reason: "not_found" | "not_learner" };

/**
 * Issues a link for `target` and emails it when email is configured. `welcome`: the account was just
 * created for them (decision 022), and the email says so rather than speaking of a new password.
 */
export async function issueResetLink(
  rt: Runtime,
  request: Request,
  actor: SessionUser,
  target: { id: string; email: string; name: string; locale: string },
  kind: "reset" | "welcome" = "reset",
): Promise<IssuedLink & { ok: true }> {
  const { token, expiresAt } = await createResetLink(rt.db, target.id, actor.id);
  const path = paths.resetPassword(token);
  // The email's link is built on PUBLIC_URL (always set with SMTP_URL), never on the request's Host.
  const mail = rt.mailer ? await deliver(rt.mailer, resetMail(target, rt.mailer.publicUrl + path, expiresAt, actor.name, kind)) : "off";
  return { ok: true, link: publicOrigin(rt, request) + path, name: target.name, expiresAt, mail };
}

const RESET: Permission = "passwords.reset";

/** An administrator issues a link for any account (on /admin/users). */
export async function issueResetForUser(rt: Runtime, request: Request, actor: SessionUser, userId: string): Promise<IssuedLink> {
  if (scopeOf(actor.role, RESET) !== "any") return { ok: false, reason: "not_found" };
  const target = await rt.db
    .selectFrom("users")
    .select(["id", "email", "name", "locale"])
    .where("id", "=", userId)
    .where("disabled_at", "is", null)
    .where("deleted_at", "is", null)
    .executeTakeFirst();
  return target ? issueResetLink(rt, request, actor, target) : { ok: false, reason: "not_found" };
}

/**
 * A cohort's manager issues a link for a participant who accepted their place (listed under `email`
 * on the cohort page): only for a learner's account, unless the manager is an administrator. The
 * link and email go to the account, whatever address the cohort listed.
 */
export async function issueResetForParticipant(rt: Runtime, request: Request, actor: SessionUser, cohortId: string, email: string): Promise<IssuedLink> {
  const scope = scopeOf(actor.role, RESET);
  if (!scope) return { ok: false, reason: "not_found" };
  const target = await rt.db
    .selectFrom("cohort_participants as p")
    .innerJoin("users as u", "u.id", "p.user_id")
    .select(["u.id", "u.email", "u.name", "u.locale", "u.role", "p.name as listedName"])
    .where("p.cohort_id", "=", cohortId)
    .where("p.email", "=", email)
    .where("p.accepted_at", "is not", null)
    .where("u.disabled_at", "is", null)
    .where("u.deleted_at", "is", null)
    .executeTakeFirst();
  if (!target) return { ok: false, reason: "not_found" };
  if (scope !== "any" && target.role !== "learner") return { ok: false, reason: "not_learner" };
  const issued = await issueResetLink(rt, request, actor, target);
  // The page names the person as the cohort lists them.
  return issued.ok ? { ...issued, name: target.listedName } : issued;
}

// Asked for by email --------------------------------------------------------------------------

export type ForgotResult =
  | { ok: true; delivery: Promise<MailOutcome | null> }
  | { ok: false; reason: "off" }
  | { ok: false; reason: "throttled"; seconds: number };

/**
 * "Forgot password?" with email configured. The answer is the same whether or not the address has
 * an account: a link is created and emailed only when it has one, and the email goes out after the
 * answer (`delivery`, which callers do not wait for), so neither the answer nor its timing tells.
 * Requests from one network are throttled like registrations; one address gets a few links, then
 * one every ten minutes, silently.
 */
export async function requestPasswordReset(rt: Runtime, clientIp: string, input: z.infer<typeof ForgotPasswordForm>, now = Date.now()): Promise<ForgotResult> {
  const { db, mailer } = rt;
  if (!mailer) return { ok: false, reason: "off" };
  const wait = await takeFromBucket(db, `forgot:${clientIp}`, REGISTRATION_BURST, REGISTRATION_INTERVAL_MS, now);
  if (wait > 0) return { ok: false, reason: "throttled", seconds: Math.ceil(wait / 1000) };
  const email = normaliseEmail(input.email);
  const user = await db.selectFrom("users").select(["id", "email", "name", "locale"]).where("email", "=", email).where("disabled_at", "is", null).executeTakeFirst();
  const allowed = (await takeFromBucket(db, `forgot-email:${email}`, EMAIL_BURST, EMAIL_INTERVAL_MS, now)) === 0;
  if (!user || !allowed) return { ok: true, delivery: Promise.resolve(null) };
  const { token, expiresAt } = await createResetLink(db, user.id, null, now);
  const delivery = deliver(mailer, resetMail(user, mailer.publicUrl + paths.resetPassword(token), expiresAt, null));
  return { ok: true, delivery };
}

// Changing it on the profile --------------------------------------------------------------------

export type PasswordChange =
  | { ok: true }
  | { ok: false; status: 400; error: "profile.password.wrong" }
  | { ok: false; status: 429; error: "profile.password.throttled"; seconds: number };

/**
 * Changes the signed-in user's password, given the current one. Wrong guesses are slowed like
 * sign-ins (a stolen session must not be a way to find the password). On success every other session
 * ends, the other browsers it trusted are forgotten, and any reset link still open stops working.
 */
export async function changePassword(rt: Runtime, request: Request, userId: string, input: { currentPassword: string; newPassword: string }, now = Date.now()): Promise<PasswordChange> {
  const { db, config } = rt;
  const key = `password:${userId}`;
  const settings = { freeFailures: config.LOGIN_FREE_FAILURES, maxDelayMinutes: config.LOGIN_MAX_DELAY_MINUTES };
  const until = await retryAt(db, [key], now);
  if (until) return { ok: false, status: 429, error: "profile.password.throttled", seconds: Math.ceil((until - now) / 1000) };
  const user = await db.selectFrom("users").select("password_hash").where("id", "=", userId).executeTakeFirstOrThrow();
  if (!(await verifyPassword(user.password_hash, input.currentPassword))) {
    await recordFailure(db, key, settings, now);
    return { ok: false, status: 400, error: "profile.password.wrong" };
  }
  await clearFailures(db, key);
  const password_hash = await hashPassword(input.newPassword, config.PASSWORD_HASH_COST);
  await db.updateTable("users").set({ password_hash }).where("id", "=", userId).execute();
  await db.deleteFrom("password_resets").where("user_id", "=", userId).execute();
  await endOtherSessions(rt, request, userId);
  return { ok: true };
}
