import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { health } from "~/runtime.server";

/** 200 once the database answers and the catalogue is loaded; 503 otherwise. */
export async function loader({ context }: LoaderFunctionArgs) {
  const h = await health(context.runtime);
  return json(h, { status: h.status === "ok" ? 200 : 503, headers: { "Cache-Control": "no-store" } });
}
