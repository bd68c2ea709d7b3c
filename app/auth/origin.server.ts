/**
 * Cross-site request forgery guard for every mutation (POST, PUT, PATCH, DELETE), checked by the
 * server before Remix runs any action. Browsers always send Origin on cross-origin POSTs and
 * Sec-Fetch-Site on modern engines; a request with neither comes from a non-browser client, which
 * cannot carry a victim's cookies, so it passes.
 */
export function isAllowedMutation(req: {
  method: string;
  /** the scheme the request reached us by ("http" or "https"; behind a proxy, per TRUST_PROXY) */
  protocol: string;
  host: string | undefined;
  origin: string | undefined;
  secFetchSite: string | undefined;
}): boolean {
  if (["GET", "HEAD", "OPTIONS"].includes(req.method.toUpperCase())) return true;
  if (req.origin !== undefined && req.origin !== "null") {
    // Scheme, host and port must all match: http://site must not post to https://site.
    try {
      return req.host !== undefined && new URL(req.origin).origin === new URL(`${req.protocol}://${req.host}`).origin;
    } catch {
      return false;
    }
  }
  if (req.origin === "null") return false;
  if (req.secFetchSite !== undefined) return req.secFetchSite === "same-origin" || req.secFetchSite === "none";
  return true;
}
