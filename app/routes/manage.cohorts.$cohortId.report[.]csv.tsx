import type { LoaderFunctionArgs } from "@remix-run/node";
import { cohortPage } from "~/lib/guards.server";
import { badRequest } from "~/lib/responses";
import { reportCsv } from "~/reports/views.server";

/** CSV exports of the report, with the same filters and figures as the page. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, cohort } = await cohortPage(args);
  const csv = await reportCsv(rt, user, cohort, new URL(args.request.url));
  if (!csv) return badRequest("Unknown export: use kind=learners, funnel, country, orgType or gender.");
  return new Response(csv.body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${csv.filename}"`, "Cache-Control": "no-store" },
  });
}
