import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { getManagedCohort, listInvitations } from "~/cohorts/cohorts.server";
import { invitationsCsv } from "~/cohorts/invitations";
import { runtime } from "~/runtime.server";

/** The cohort's personal invitation links as a CSV, for a mail merge. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "cohorts.manage");
  const { db } = runtime();
  const cohort = params.cohortId ? await getManagedCohort(db, actor, params.cohortId) : null;
  if (!cohort) throw new Response("Not found", { status: 404 });
  const origin = new URL(request.url).origin;
  const body = invitationsCsv(await listInvitations(db, cohort.id), origin);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${`${cohort.name}-invitations`.replace(/[^\w.-]+/g, "_")}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}
