import type { LoaderFunctionArgs } from "@remix-run/node";
import { cohortPage } from "~/lib/guards.server";
import { badRequest, csvFile } from "~/lib/responses";
import { requestedDialect } from "~/reports/format";
import { reportCsv } from "~/reports/views.server";

/** CSV exports of the report, with the same filters and figures as the page; `format=excel` for the reader's Excel. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, cohort, lang } = await cohortPage(args);
  const url = new URL(args.request.url);
  const csv = await reportCsv(rt, user, cohort, url, requestedDialect(url, lang));
  if (!csv) return badRequest("Unknown export: use kind=learners, funnel, country, orgType or gender.");
  return csvFile(csv.body, csv.filename);
}
