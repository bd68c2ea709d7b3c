import { createHash, randomBytes } from "node:crypto";
import type { DB } from "@db/index";

/**
 * A browser that has signed in to an account carries a long-lived, HttpOnly "device" cookie. Its
 * sign-ins to that account skip the delays that strangers' failures put on the account, so nobody can
 * keep a person out of their own account by guessing at it (docs/decisions/012-login-throttle.md).
 */
export const DEVICE_COOKIE = "device";
const DEVICE_MAX_AGE_S = 365 * 24 * 60 * 60;

export function deviceDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function isTrustedDevice(db: DB, userId: string, token: string | null): Promise<boolean> {
  if (!token || !/^[A-Za-z0-9_-]{20,64}$/.test(token)) return false;
  const row = await db.selectFrom("login_devices").select("user_id").where("token_hash", "=", deviceDigest(token)).executeTakeFirst();
  return row?.user_id === userId;
}

/** After a successful sign-in: refreshes the browser's trust, or trusts it now. Returns its Set-Cookie. */
export async function trustDevice(db: DB, userId: string, token: string | null, secure: boolean, now = Date.now()): Promise<string> {
  let value = token;
  if (value && (await isTrustedDevice(db, userId, value))) {
    await db.updateTable("login_devices").set({ last_used_at: now }).where("token_hash", "=", deviceDigest(value)).execute();
  } else {
    value = randomBytes(24).toString("base64url");
    await db.insertInto("login_devices").values({ token_hash: deviceDigest(value), user_id: userId, created_at: now, last_used_at: now }).execute();
  }
  return `${DEVICE_COOKIE}=${value}; Path=/; Max-Age=${DEVICE_MAX_AGE_S}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** Signing out everywhere else also forgets the account's other devices. */
export async function forgetDevices(db: DB, userId: string, keepToken: string | null) {
  let q = db.deleteFrom("login_devices").where("user_id", "=", userId);
  if (keepToken) q = q.where("token_hash", "!=", deviceDigest(keepToken));
  await q.execute();
}
