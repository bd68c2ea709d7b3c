import { randomUUID } from "node:crypto";
import type { DB } from "@db/index";
import type { Role, UserRow } from "@db/schema";
import { dummyPasswordHash, hashPassword, verifyPassword } from "./password.server";
import { clearFailures, lockedUntil, recordFailure, type ThrottleSettings } from "./throttle.server";

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
  if (await findUserByEmail(db, email)) return { ok: false, reason: "email_taken" };
  const user: UserRow = {
    id: randomUUID(),
    email,
    name: input.name.trim(),
    password_hash: await hashPassword(input.password, hashCost),
    role: input.role ?? "learner",
    locale: input.locale,
    created_at: Date.now(),
    country: null,
    organisation: null,
    org_type: null,
    gender: null,
  };
  // The unique index settles a race between two registrations of the same address.
  const inserted = await db.insertInto("users").values(user).onConflict((oc) => oc.column("email").doNothing()).executeTakeFirst();
  if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: false, reason: "email_taken" };
  return { ok: true, user };
}

export type LoginResult =
  | { ok: true; user: UserRow }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; retryAfterMinutes: number };

export async function authenticate(
  db: DB,
  input: { email: string; password: string; ip: string },
  settings: ThrottleSettings & { hashCost: number },
  now = Date.now(),
): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const keys = { account: `email:${email}`, client: `ip:${input.ip}` };
  const locked = await lockedUntil(db, [keys.account, keys.client], now);
  if (locked) return { ok: false, reason: "locked", retryAfterMinutes: Math.ceil((locked - now) / 60_000) };

  const user = await findUserByEmail(db, email);
  // Verify against a dummy hash when the account does not exist, so timing does not reveal accounts.
  const valid = await verifyPassword(user?.password_hash ?? (await dummyPasswordHash(settings.hashCost)), input.password);
  if (!user || !valid) {
    await recordFailure(db, keys.account, settings.maxFailures, settings, now);
    await recordFailure(db, keys.client, settings.maxFailures * 10, settings, now);
    const nowLocked = await lockedUntil(db, [keys.account, keys.client], now);
    if (nowLocked) return { ok: false, reason: "locked", retryAfterMinutes: Math.ceil((nowLocked - now) / 60_000) };
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, keys.account);
  return { ok: true, user };
}

export async function setUserLocale(db: DB, userId: string, locale: string) {
  await db.updateTable("users").set({ locale }).where("id", "=", userId).execute();
}

export async function setUserRole(db: DB, userId: string, role: Role) {
  await db.updateTable("users").set({ role }).where("id", "=", userId).execute();
}
