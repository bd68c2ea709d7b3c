import type { LoaderFunctionArgs } from "@remix-run/node";
import { invitationLinks } from "~/cohorts/cohorts.server";
import { cohortPage } from "~/lib/guards.server";
import { publicOrigin } from "~/lib/public-url.server";

/** The cohort's personal invitation links as a CSV, for a mail merge. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, cohort, user } = await cohortPage(args);
  const csv = await invitationLinks(rt.db, user.id, cohort, publicOrigin(rt, args.request));
  return new Response(csv.body, {
    headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": `attachment; filename="${csv.filename}"`, "Cache-Control": "no-store" },
  });
}
