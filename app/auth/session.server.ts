import { redirect } from "@remix-run/node";
import type { Role } from "@db/schema";
import { readCookie } from "~/lib/cookies.server";
import { runtime } from "~/runtime.server";
import { sessionDigest } from "./adapter.server";
import { DEVICE_COOKIE, forgetDevices } from "./devices.server";
import { can, type Permission } from "./permissions";

export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  locale: string;
}

function sessionIdFrom(request: Request): string | null {
  const { lucia } = runtime();
  return readCookie(request.headers.get("Cookie"), lucia.sessionCookieName);
}

/** The signed-in user, if any, and a Set-Cookie value when the session was extended or has ended. */
export async function getSessionUser(request: Request): Promise<{ user: SessionUser | null; setCookie: string | null }> {
  const { lucia } = runtime();
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
  // eslint-disable-next-line no-control-regex
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

export async function requireUser(request: Request): Promise<SessionUser> {
  const { user } = await getSessionUser(request);
  if (!user) {
    const url = new URL(request.url);
    const back = request.method === "GET" ? url.pathname + url.search : url.pathname;
    // A way back longer than safeRedirect accepts would only bloat the Location header (proxies refuse
    // large ones): the login page then sends the user to the dashboard instead.
    throw redirect(back.length <= 2000 ? `/login?${new URLSearchParams({ redirectTo: back })}` : "/login");
  }
  return user;
}

export async function requirePermission(request: Request, permission: Permission): Promise<SessionUser> {
  const user = await requireUser(request);
  if (!can(user.role, permission)) throw new Response("Forbidden", { status: 403 });
  return user;
}

/**
 * Starts a session after signing in or registering. Any session the request already carried is
 * ended first, so a session id planted in the browser beforehand is worth nothing afterwards.
 */
export async function startSession(userId: string, request?: Request): Promise<string> {
  const { lucia } = runtime();
  const previous = request ? sessionIdFrom(request) : null;
  if (previous) await lucia.invalidateSession(previous);
  const session = await lucia.createSession(userId, {
    created_at: Date.now(),
    user_agent: (request?.headers.get("User-Agent") ?? "").slice(0, 200) || null,
  });
  return lucia.createSessionCookie(session.id).serialize();
}

export async function endSession(request: Request): Promise<string> {
  const { lucia } = runtime();
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
export async function listSessions(request: Request, userId: string): Promise<SessionListing[]> {
  const { db } = runtime();
  const current = sessionIdFrom(request);
  const here = current ? sessionDigest(current) : null;
  const rows = await db.selectFrom("sessions").selectAll().where("user_id", "=", userId).where("expires_at", ">", Date.now()).orderBy("created_at", "desc").execute();
  return rows.map((r) => ({ id: r.id, createdAt: Number(r.created_at), expiresAt: Number(r.expires_at), userAgent: r.user_agent, current: r.id === here }));
}

/** Ends one of the user's own sessions by its listed handle; false when it is not theirs. */
export async function endOwnSession(userId: string, handle: string): Promise<boolean> {
  const { db } = runtime();
  const r = await db.deleteFrom("sessions").where("id", "=", handle).where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

/** "Sign out everywhere else": every other session of the user ends, and their devices are forgotten. */
export async function endOtherSessions(request: Request, userId: string): Promise<number> {
  const { db } = runtime();
  const current = sessionIdFrom(request);
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (current) q = q.where("id", "!=", sessionDigest(current));
  const r = await q.executeTakeFirst();
  await forgetDevices(db, userId, readCookie(request.headers.get("Cookie"), DEVICE_COOKIE));
  return Number(r.numDeletedRows);
}

export function hasRole(user: SessionUser | null, ...roles: Role[]): boolean {
  return !!user && roles.includes(user.role);
}
