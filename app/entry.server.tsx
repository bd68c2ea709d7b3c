import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToString } from "react-dom/server";
import { SESSION_COOKIE } from "~/auth/lucia.server";
import { NonceProvider } from "~/components/nonce";
import { readCookie } from "~/lib/cookies.server";

// The Express server (server.mjs) reaches these through the build's entry module.
export { boot, closeRuntime, ConfigError, ContentError, prepare } from "~/runtime.server";
export { isAllowedMutation } from "~/auth/origin.server";
export { trustProxySetting } from "~/config.server";
export { DRAIN_LIMIT, UPLOAD_LIMIT } from "~/lib/request.server";

/** Pages and data for a signed-in browser are that person's: no shared or browser cache keeps them. */
function keepPrivate(request: Request, headers: Headers) {
  if (readCookie(request.headers.get("Cookie"), SESSION_COOKIE)) headers.set("Cache-Control", "no-store");
}

export function handleDataRequest(response: Response, { request }: { request: Request }) {
  keepPrivate(request, response.headers);
  return response;
}

/**
 * The whole document as one string. No page suspends (no defer, no Suspense), so React's streaming
 * renderer would send the same document in 2 KB pieces, each flushed through gzip on its own by the
 * Remix adapter: most of a reading page's compression cost. One string is one write and one gzip
 * block, and has none of React 18's stream bugs (facebook/react#26228: NULs in non-Latin text).
 * docs/decisions/039-one-string-per-document.md
 */
export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  keepPrivate(request, responseHeaders);
  const html = renderToString(
    <NonceProvider value={nonce}>
      <RemixServer context={remixContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
  );
  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(`<!DOCTYPE html>${html}`, { headers: responseHeaders, status: responseStatusCode });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A 404 or 405 is an answer, not a fault: it does not belong in the log with a stack trace.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
