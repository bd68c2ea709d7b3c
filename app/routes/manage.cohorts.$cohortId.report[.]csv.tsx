import type { LoaderFunctionArgs } from "@remix-run/node";
import { requirePermission } from "~/auth/session.server";
import { reportContext } from "~/reports/filters.server";
import { breakdownCsv, learnersCsvStream } from "~/reports/report.server";
import { runtime } from "~/runtime.server";

const KINDS = { learners: null, country: "country", orgType: "orgType", gender: "gender" } as const;

/** CSV exports of the report, with the same filters and figures as the page. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "cohorts.manage");
  const url = new URL(request.url);
  const { cohort, course, filter } = await reportContext(runtime().db, actor, params.cohortId, url);
  const kind = url.searchParams.get("kind") ?? "learners";
  if (!(kind in KINDS)) return new Response("Unknown export: use kind=learners, country, orgType or gender.", { status: 400 });
  const name = `${cohort.name}-${course.id}-${kind}`.replace(/[^\w.-]+/g, "_");
  const headers = {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${name}.csv"`,
    "Cache-Control": "no-store",
  };
  const field = KINDS[kind as keyof typeof KINDS];
  const { db } = runtime();
  if (field === null) return new Response(learnersCsvStream(db, course, filter), { headers });
  return new Response(await breakdownCsv(db, course, filter, field), { headers });
}
