import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportPersonalData } from "~/accounts/export.server";
import { learnerPage } from "~/lib/guards.server";

/** Everything the platform holds about the signed-in person, as one CSV table; the export is audited. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await learnerPage(args);
  const { body, filename } = await exportPersonalData(rt.db, user, "csv");
  return new Response(body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "no-store" },
  });
}
