/**
 * The largest form a page of ours sends: a drafting exercise with every prompt full (20,000
 * characters each, percent-encoded) stays well under it. A participants' CSV upload may be larger.
 */
export const FORM_LIMIT = 1024 * 1024;
export const UPLOAD_LIMIT = 3 * 1024 * 1024;

export function bodyTooLarge(): Response {
  return new Response("The form sent is larger than this page accepts.", { status: 413, headers: { Connection: "close" } });
}

/**
 * The submitted form, read up to `limit` bytes: a larger body is refused with 413 as soon as its
 * declared length or its bytes so far pass the limit, so memory never holds more than `limit`.
 * A body that is not a form (a JSON or empty POST from a script) gets 415: bad input gets a clear
 * 4xx, never a 500.
 */
export async function readForm(request: Request, limit = FORM_LIMIT): Promise<FormData> {
  const declared = Number(request.headers.get("Content-Length") ?? "0");
  if (declared > limit) throw bodyTooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limit) {
        await reader.cancel();
        throw bodyTooLarge();
      }
      chunks.push(value);
    }
  }
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
