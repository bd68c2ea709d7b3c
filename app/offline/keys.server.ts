import { createHash } from "node:crypto";

/**
 * The offline reader's name for a signed-in person (decision 034): the service worker keys its saved
 * pages and its queue of lessons marked read by it, and every page tells it whose the page is in the
 * `X-Offline-User` header ("anonymous" when nobody is signed in). It is not a credential: the
 * server checks the session, and the key only keeps one person's saved pages and queue apart from
 * another's on a shared phone. A digest, so the user's id is not what names the caches.
 */
export const OFFLINE_USER_HEADER = "X-Offline-User";
export const SIGNED_OUT = "anonymous";

export function offlineKey(userId: string): string {
  return createHash("sha256").update(`cdl-offline:${userId}`).digest("base64url").slice(0, 22);
}

/** The header's value for a page seen by `userId` (or by nobody). */
export function offlineUserHeader(userId: string | null): Record<string, string> {
  return { [OFFLINE_USER_HEADER]: userId ? offlineKey(userId) : SIGNED_OUT };
}
