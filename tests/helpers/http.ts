/** Requests as a signed-in browser sends them to a route's loader or action, and the status it answers. */
export function getAs(url: string, cookie: string | undefined) {
  return new Request(`http://localhost${url}`, { headers: { Cookie: cookie ?? "" } });
}

export function postAs(url: string, cookie: string | undefined, fields: Record<string, string>) {
  return new Request(`http://localhost${url}`, {
    method: "POST",
    headers: { Cookie: cookie ?? "", "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(fields).toString(),
  });
}

/** The HTTP status of a loader or action: a returned or thrown Response's, or 200 for plain data. */
export async function statusOf(p: Promise<unknown>): Promise<number> {
  try {
    const r = await p;
    return r instanceof Response ? r.status : 200;
  } catch (e) {
    if (e instanceof Response) return e.status;
    throw e;
  }
}
