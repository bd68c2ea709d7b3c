import type { Role } from "@db/schema";
import { readCookie } from "~/lib/cookies.server";
import type { Runtime } from "~/runtime.server";
import { sessionDigest } from "./adapter.server";
import { DEVICE_COOKIE, forgetDevices } from "./devices.server";
import { SESSION_COOKIE } from "./lucia.server";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
}

function sessionIdFrom(request: Request): string | null {
  return readCookie(request.headers.get("Cookie"), SESSION_COOKIE);
}

type SessionLookup = { user: SessionUser | null; setCookie: string | null };
// The root loader and the page's loader ask about the same request: look the session up once. Remix
// hands each loader its own copy of the Request, so the key is the load context's per-request object
// (server.mjs makes one per HTTP request); without one, the request itself.
const lookups = new WeakMap<object, Promise<SessionLookup>>();

/** The signed-in user, if any, and a Set-Cookie value when the session was extended or has ended. */
export function getSessionUser(rt: Runtime, request: Request, perRequest: object = request): Promise<SessionLookup> {
  // An action may end or replace the session: it looks it up alone, and the loaders after it anew.
  if (request.method !== "GET" && request.method !== "HEAD") return lookUp(rt, request);
  let found = lookups.get(perRequest);
  if (!found) lookups.set(perRequest, (found = lookUp(rt, request)));
  return found;
}

async function lookUp({ lucia }: Runtime, request: Request): Promise<SessionLookup> {
  const sessionId = sessionIdFrom(request);
  if (!sessionId) return { user: null, setCookie: null };
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session) return { user: null, setCookie: lucia.createBlankSessionCookie().serialize() };
  return {
    user: { id: user.id, email: user.email, name: user.name, role: user.role, locale: user.locale },
    setCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}

/**
 * A path on this site to send the user to after signing in, or `fallback`. The value is resolved the
 * way a browser would resolve it (`/\t/evil.com` and `/./\evil.com` leave the site in Chromium), and
 * only the normalised path, query and fragment of a same-origin result are sent back.
 */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/dashboard"): string {
  if (typeof to !== "string" || to.length > 2000 || !to.startsWith("/")) return fallback;
  // Control characters, whitespace and backslashes have no place in a path we produce ourselves.
  if (/[\u0000-\u0020\u007f-\u009f\\]/.test(to)) return fallback;
  const base = "http://same-origin.invalid";
  let url: URL;
  try {
    url = new URL(to, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? fallback : path;
}

/**
 * Starts a session after signing in or registering. Any session the request already carried is
 * ended first, so a session id planted in the browser beforehand is worth nothing afterwards.
 */
export async function startSession({ lucia }: Runtime, userId: string, request?: Request): Promise<string> {
  const previous = request ? sessionIdFrom(request) : null;
  if (previous) await lucia.invalidateSession(previous);
  const session = await lucia.createSession(userId, {
    created_at: Date.now(),
    user_agent: (request?.headers.get("User-Agent") ?? "").slice(0, 200) || null,
  });
  return lucia.createSessionCookie(session.id).serialize();
}

export async function endSession({ lucia }: Runtime, request: Request): Promise<string> {
  const sessionId = sessionIdFrom(request);
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

export interface SessionListing {
  /** a handle for ending it: the stored digest, which signs nobody in */
  id: string;
  createdAt: number;
  expiresAt: number;
  userAgent: string | null;
  current: boolean;
}

/** The user's live sessions, newest first, this one marked. */
export async function listSessions({ db }: Runtime, request: Request, userId: string): Promise<SessionListing[]> {
  const current = sessionIdFrom(request);
  const here = current ? sessionDigest(current) : null;
  const rows = await db.selectFrom("sessions").selectAll().where("user_id", "=", userId).where("expires_at", ">", Date.now()).orderBy("created_at", "desc").execute();
  return rows.map((r) => ({ id: r.id, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at), userAgent: r.user_agent, current: r.id === here }));
}

/** Ends one of the user's own sessions by its listed handle; false when it is not theirs. */
export async function endOwnSession({ db }: Runtime, userId: string, handle: string): Promise<boolean> {
  const r = await db.deleteFrom("sessions").where("id", "=", handle).where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** "Sign out everywhere else": every other session of the user ends, and their devices are forgotten. */
export async function endOtherSessions({ db }: Runtime, request: Request, userId: string): Promise<number> {
  const current = sessionIdFrom(request);
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (current) q = q.where("id", "!=", sessionDigest(current));
  const r = await q.executeTakeFirst();
  await forgetDevices(db, userId, readCookie(request.headers.get("Cookie"), DEVICE_COOKIE));
  return Number(r.numDeletedRows);
}
