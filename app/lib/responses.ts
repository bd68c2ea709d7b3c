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
