/** The one "not found": unknown, malformed and not-yours all look alike to the visitor. */
export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

/** A 4xx whose text the error page shows as it is. */
export function badRequest(message: string, status = 400): Response {
  return new Response(message, { status });
}

/** A CSV download: never cached, since exports hold personal data. */
export function csvFile(body: BodyInit, filename: string): Response {
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
}

/** The headers of an answer refusing a sign-in, registration or reset request: after too many tries (429), when to try again. */
export function retryHeaders(status: number, seconds: number): Record<string, string> {
  return status === 429 ? { "Retry-After": String(seconds) } : {};
}
