import type { LoaderFunctionArgs } from "@remix-run/node";
import { invitationLinks } from "~/cohorts/cohorts.server";
import { cohortPage } from "~/lib/guards.server";
import { publicOrigin } from "~/lib/public-url.server";
import { csvFile } from "~/lib/responses";
import { requestedDialect } from "~/reports/format";

/** The cohort's personal invitation links as a CSV, for a mail merge; `format=excel` for the reader's Excel. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, cohort, user, lang } = await cohortPage(args);
  const csv = await invitationLinks(rt.db, user.id, cohort, publicOrigin(rt, args.request), requestedDialect(new URL(args.request.url), lang));
  return csvFile(csv.body, csv.filename);
}
