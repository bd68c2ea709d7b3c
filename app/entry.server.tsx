import type { AppLoadContext, EntryContext } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { SESSION_COOKIE } from "~/auth/lucia.server";
import { NonceProvider } from "~/components/nonce";
import { readCookie } from "~/lib/cookies.server";
import { htmlBody } from "~/lib/html-stream.server";

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

const ABORT_DELAY = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const nonce = typeof loadContext.cspNonce === "string" ? loadContext.cspNonce : "";
  keepPrivate(request, responseHeaders);
  // Bots and no-JS clients get the whole document at once; browsers get it streamed.
  const readyEvent = isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={ABORT_DELAY} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = htmlBody();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, ABORT_DELAY);
  });
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A 404 or 405 is an answer, not a fault: it does not belong in the log with a stack trace.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  console.error(error);
}
