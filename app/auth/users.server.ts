import { randomUUID } from "node:crypto";
import { likeInsensitive, type DB } from "@db/index";
import type { Role, UserRow } from "@db/schema";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.server";
import { recordAudit } from "~/admin/audit.server";
import { isTrustedDevice, deviceDigest } from "./devices.server";
import { clearFailures, recordFailure, retryAt, takeFromBucket, type ThrottleSettings } from "./throttle.server";

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findUserByEmail(db: DB, email: string): Promise<UserRow | undefined> {
  return db.selectFrom("users").selectAll().where("email", "=", normaliseEmail(email)).executeTakeFirst();
}

export type RegisterResult = { ok: true; user: UserRow } | { ok: false; reason: "email_taken" };

export async function createUser(
  db: DB,
  input: { name: string; email: string; password: string; locale: string; role?: Role },
  hashCost: number,
): Promise<RegisterResult> {
  const email = normaliseEmail(input.email);
  // Hash before looking: "address taken" must take as long as a registration, or its speed says
  // which addresses have accounts.
  const password_hash = await hashPassword(input.password, hashCost);
  if (await findUserByEmail(db, email)) return { ok: false, reason: "email_taken" };
  const user: UserRow = {
    id: randomUUID(),
    email,
    name: input.name.trim(),
    password_hash,
    role: input.role ?? "learner",
    locale: input.locale,
    created_at: Date.now(),
    country: null,
    organisation: null,
    org_type: null,
    gender: null,
    disabled_at: null,
    deleted_at: null,
  };
  // The unique index settles a race between two registrations of the same address.
  // The account-status columns are left to their defaults (null), so this also runs on a database
  // migrated only part of the way, as the upgrade tests do.
  const { disabled_at: _disabled, deleted_at: _deleted, ...values } = user;
  const inserted = await db.insertInto("users").values(values).onConflict((oc) => oc.column("email").doNothing()).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: false, reason: "email_taken" };
  return { ok: true, user };
}

export type LoginResult =
  | { ok: true; user: UserRow }
  | { ok: false; reason: "invalid" | "disabled" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

/**
 * Checks a sign-in. Failures slow further attempts on the account and from the address with growing
 * delays; a browser that signed in to this account before (its device cookie) is slowed only by its
 * own failures, so strangers guessing at an account never keep its owner out.
 */
export async function authenticate(
  db: DB,
  input: { email: string; password: string; ip: string; deviceToken?: string | null },
  settings: ThrottleSettings & { hashCost: number },
  now = Date.now(),
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const user = await findUserByEmail(db, email);
  const trusted = !!user && (await isTrustedDevice(db, user.id, input.deviceToken ?? null));
  const keys = trusted ? [{ key: `device:${deviceDigest(input.deviceToken!)}`, scale: 1 }] : [{ key: `email:${email}`, scale: 1 }, { key: `ip:${input.ip}`, scale: 10 }];
  const until = await retryAt(db, keys.map((k) => k.key), now);
  if (until) return { ok: false, reason: "throttled", retryAfterSeconds: Math.ceil((until - now) / 1000) };

  // Verify against a dummy hash when the account does not exist or has no password yet (an account an
  // administrator created, decision 022), so timing does not reveal accounts.
  const usable = !!user && user.deleted_at === null && user.password_hash.startsWith("scrypt$");
  const checked = await verifyPassword(usable ? user.password_hash : await dummyPasswordHash(settings.hashCost), input.password);
  const valid = usable && checked;
  if (!user || !valid) {
    for (const k of keys) await recordFailure(db, k.key, settings, now, k.scale);
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, keys[0]!.key);
  // Said only to whoever knows the password: it tells nothing a stranger could use to find accounts.
  if (user.disabled_at !== null) return { ok: false, reason: "disabled" };
  return { ok: true, user };
}

/** Registrations from one address: a room of people at once (REGISTRATION_BURST), then one every 15 seconds. */
export const REGISTRATION_BURST = 20;
export const REGISTRATION_INTERVAL_MS = 15_000;

/** 0 when this address may register now (and counts it), otherwise the seconds to wait. */
export async function registrationWait(db: DB, ip: string, burst = REGISTRATION_BURST, now = Date.now()): Promise<number> {
  const ms = await takeFromBucket(db, `register:${ip}`, burst, REGISTRATION_INTERVAL_MS, now);
  return Math.ceil(ms / 1000);
}

export async function setUserLocale(db: DB, userId: string, locale: string) {
  await db.updateTable("users").set({ locale }).where("id", "=", userId).execute();
}

/** The admin's list: the newest 200 accounts, or those whose name or email contains `q`. */
export async function searchUsers(db: DB, q: string | undefined) {
  // Deleted accounts are rows without a person (decision 022): nothing to list or manage.
  let query = db.selectFrom("users").select(["id", "name", "email", "role", "disabled_at"]).where("deleted_at", "is", null).orderBy("created_at", "desc").limit(200);
  if (q) query = query.where((eb) => eb.or([eb("email", "like", `%${q.toLowerCase()}%`), eb("name", likeInsensitive(db), `%${q}%`)]));
  return query.execute();
}

export async function setUserRole(db: DB, userId: string, role: Role): Promise<boolean> {
  const r = await db.updateTable("users").set({ role }).where("id", "=", userId).executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export type RoleChange = "saved" | "self" | "not_found";

/** An admin gives an account a role; never their own (an admin could lock the platform out of admins). */
export async function changeRole(db: DB, actorId: string, userId: string, role: Role): Promise<RoleChange> {
  if (userId === actorId) return "self";
  return db.transaction().execute(async (trx) => {
    // A deleted account has no role to give (decision 022): it answers like an unknown one.
    const before = await trx.selectFrom("users").select(["email", "role"]).where("id", "=", userId).where("deleted_at", "is", null).executeTakeFirst();
    if (!before) return "not_found";
    await setUserRole(trx, userId, role);
    await recordAudit(trx, { actorId, action: "user.role_changed", targetType: "user", targetId: userId, targetLabel: before.email, details: { before: before.role, after: role } });
    return "saved";
  });
}
