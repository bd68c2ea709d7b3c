import { requirePermission } from "~/auth/session.server";
import { pick } from "~/content/localize";
import { runtime } from "~/runtime.server";
import { filterParams, reportContext } from "./filters.server";
import { completionReport } from "./report.server";

/**
 * What the donor summary shows, for the page and its PDF alike: the report's funnel, scores and
 * breakdowns for the filters in the URL, for a manager of the cohort (404 otherwise).
 */
export async function donorSummary(request: Request, cohortId: string | undefined) {
  const actor = await requirePermission(request, "cohorts.manage");
  const { db } = runtime();
  const { cohort, course, query, filter } = await reportContext(db, actor, cohortId, new URL(request.url));
  const { summary, breakdowns } = await completionReport(db, course, filter, "name", "asc", 1);
  return {
    actor,
    cohort: { id: cohort.id, name: cohort.name, programme: cohort.programme },
    course: { title: pick(course.title, course.baseLanguage), modules: course.modules.map((m) => ({ id: m.id, title: pick(m.title, course.baseLanguage) })) },
    query,
    params: filterParams(query, course.id).toString(),
    summary,
    breakdowns,
    generatedAt: Date.now(),
  };
}
