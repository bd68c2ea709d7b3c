import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { paths } from "~/lib/links";

/** The "invitation code" form on My learning submits here (GET): go to that code's page. */
export function loader({ request }: LoaderFunctionArgs) {
  const code = (new URL(request.url).searchParams.get("code") ?? "").trim().toUpperCase().replace(/[^A-Z0-9]/g, "");
  return redirect(code ? paths.joinCode(code) : paths.dashboard);
}
