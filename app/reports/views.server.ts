import type { Actor, ManagedCohort } from "~/cohorts/cohorts.server";
import { courseLanguage, pick } from "~/content/localize";
import type { T } from "~/i18n";
import { recordAudit } from "~/admin/audit.server";
import { paths } from "~/lib/links";
import type { Runtime } from "~/runtime.server";
import { filterParams, reportContext } from "./filters.server";
import { csvFilename, fmtDate, fmtNumber, type CsvDialect } from "./format";
import { courseQuestionDifficulty } from "./items.server";
import { breakdownCsv, completionReport, funnelCsv, learnersCsvStream } from "./report.server";

/** The completion report page: filters, funnel, breakdowns and one page of learners. */
export async function reportView(rt: Runtime, actor: Actor, cohort: ManagedCohort, url: URL, ui: string) {
  const { course, query, filter } = await reportContext(rt, actor, cohort, url);
  const report = await completionReport(rt.db, course, filter, query.sort, query.dir, query.page);
  return {
    cohort: { id: cohort.id, name: cohort.name, programme: cohort.programme },
    courses: cohort.courseIds.flatMap((id) => {
      const c = rt.catalog.byId.get(id);
      return c ? [{ id, title: pick(c.title, courseLanguage(c, ui).lang) }] : [];
    }),
    course: { id: course.id, modules: course.modules.map((m) => ({ id: m.id, title: pick(m.title, courseLanguage(course, ui).lang) })) },
    query,
    base: filterParams(query, course.id).toString(),
    ...report,
    rows: report.rows.map((r) => ({ ...r, firstActivity: fmtDate(r.firstActivity), lastActivity: fmtDate(r.lastActivity), averageScore: fmtNumber(r.averageScore) })),
  };
}

/** Question difficulty among this cohort's (or programme's) learners; the figures instructors see too. */
export async function cohortQuestionsView(rt: Runtime, actor: Actor, cohort: ManagedCohort, url: URL, t: T) {
  const { course, query, filter } = await reportContext(rt, actor, cohort, url);
  return {
    cohort: cohort.name,
    cohortId: cohort.id,
    course: pick(course.title, course.baseLanguage),
    back: paths.cohortReport(cohort.id, filterParams(query, course.id)),
    quizzes: await courseQuestionDifficulty(rt.db, course, t, filter.cohortIds),
  };
}

const KINDS = { learners: null, funnel: "funnel", country: "country", orgType: "orgType", gender: "gender" } as const;

/** A CSV export of the report with the page's filters and figures, or null for an unknown kind. */
export async function reportCsv(rt: Runtime, actor: Actor, cohort: ManagedCohort, url: URL, d: CsvDialect) {
  const { course, filter } = await reportContext(rt, actor, cohort, url);
  const kind = url.searchParams.get("kind") ?? "learners";
  if (!(kind in KINDS)) return null;
  const field = KINDS[kind as keyof typeof KINDS];
  // The per-learner file holds personal data: who took it is recorded. Breakdowns are aggregates.
  if (field === null) await recordAudit(rt.db, { actorId: actor.id, action: "export.learners_csv", targetType: "cohort", targetId: cohort.id, targetLabel: cohort.name, details: { course: course.id, filter } });
  return {
    filename: csvFilename(`${cohort.name}-${course.id}-${kind}`, d),
    body: field === null ? learnersCsvStream(rt.db, course, filter, d) : field === "funnel" ? await funnelCsv(rt.db, course, filter, d) : await breakdownCsv(rt.db, course, filter, field, d),
  };
}
