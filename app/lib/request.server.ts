/**
 * The largest form a page of ours sends: a drafting exercise with every prompt full (20,000
 * characters each, percent-encoded) stays well under it. A participants' CSV upload may be larger.
 */
export const FORM_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 3 * 1024 * 1024;
/** How much of a refused body is read and thrown away so the browser can show the answer. */
export const DRAIN_LIMIT = 16 * 1024 * 1024;

export function bodyTooLarge(): Response {
  return new Response("The form sent is larger than this page accepts.", { status: 413, headers: { Connection: "close" } });
}

/**
 * The submitted form, read up to `limit` bytes: memory never holds more than `limit`. A larger body
 * is refused with 413; the rest of it is read and dropped (up to DRAIN_LIMIT, then the stream is
 * cancelled) so that the browser still uploading can show the answer. A body that is not a form (a
 * JSON or empty POST from a script) gets 415: bad input gets a clear 4xx, never a 500.
 */
export async function readForm(request: Request, limit = FORM_LIMIT): Promise<FormData> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > DRAIN_LIMIT) {
        await reader.cancel();
        break;
      }
      if (total <= limit) chunks.push(value);
    }
  }
  if (total > limit) throw bodyTooLarge();
  const copy = new Request(request.url, { method: "POST", headers: request.headers, body: Buffer.concat(chunks) });
  try {
    return await copy.formData();
  } catch {
    throw new Response("Send the form as application/x-www-form-urlencoded or multipart/form-data.", { status: 415 });
  }
}

/**
 * Whether a GET came from our own pages (or was typed, or bookmarked), as browsers report it.
 * A page on another site that links or redirects here must not be able to write to a learner's
 * record; clients without the header (old browsers, scripts) are taken at their word.
 */
export function isSameSiteNavigation(request: Request): boolean {
  const site = request.headers.get("Sec-Fetch-Site");
  return site === null || site === "same-origin" || site === "same-site" || site === "none";
}

/**
 * Whether a GET is someone reading the page: a same-site navigation that is not a prefetch. The
 * offline reader saving lessons ahead says `Purpose: prefetch` (decision 034), as browsers' own
 * prefetches say `Sec-Purpose: prefetch`: neither is a visit to record.
 */
export function isReaderVisit(request: Request): boolean {
  const purpose = `${request.headers.get("Sec-Purpose") ?? ""} ${request.headers.get("Purpose") ?? ""}`;
  return isSameSiteNavigation(request) && !/\bprefetch\b/i.test(purpose);
}
