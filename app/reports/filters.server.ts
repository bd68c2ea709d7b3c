import { z } from "zod";
import type { Actor, ManagedCohort } from "~/cohorts/cohorts.server";
import { listCohorts } from "~/cohorts/cohorts.server";
import type { Course } from "~/content/types";
import { notFound } from "~/lib/responses";
import type { Runtime } from "~/runtime.server";
import { GENDERS, ORG_TYPES } from "~/profile/fields";
import { SORTABLE, STATUS_FILTERS } from "./completion";
import { NOT_GIVEN, programmeCohortIds, type ReportFilter } from "./completion.server";

const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/).refine((d) => !Number.isNaN(Date.parse(d)));
const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);

/** Report query parameters; anything malformed falls back to its default rather than failing. */
const Query = z.object({
  course: z.preprocess(blankToUndefined, z.string().optional()).catch(undefined),
  scope: z.enum(["cohort", "programme"]).catch("cohort"),
  country: z.preprocess(blankToUndefined, z.string().regex(/^[A-Z]{2}$/).optional()).catch(undefined),
  orgType: z.preprocess(blankToUndefined, z.enum([...ORG_TYPES, NOT_GIVEN]).optional()).catch(undefined),
  gender: z.preprocess(blankToUndefined, z.enum([...GENDERS, NOT_GIVEN]).optional()).catch(undefined),
  status: z.preprocess(blankToUndefined, z.enum(STATUS_FILTERS).optional()).catch(undefined),
  from: z.preprocess(blankToUndefined, date.optional()).catch(undefined),
  to: z.preprocess(blankToUndefined, date.optional()).catch(undefined),
  sort: z.enum(SORTABLE).catch("name"),
  dir: z.enum(["asc", "desc"]).catch("asc"),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});
export type ReportQuery = z.infer<typeof Query>;

/** The course and the filter the URL asks for, within a cohort the actor manages. */
export async function reportContext({ db, catalog }: Runtime, actor: Actor, cohort: ManagedCohort, url: URL) {
  const query = Query.parse(Object.fromEntries(url.searchParams));
  const courseId = query.course && cohort.courseIds.includes(query.course) ? query.course : cohort.courseIds[0];
  const course: Course | undefined = courseId ? catalog.byId.get(courseId) : undefined;
  // The cohort's course has left the catalogue: nothing to report on.
  if (!course) throw notFound();
  const cohortIds =
    query.scope === "programme"
      ? await programmeCohortIds(db, cohort.programme, (await listCohorts(db, actor)).map((c) => c.id))
      : [cohort.id];
  const filter: ReportFilter = {
    cohortIds,
    courseId: course.id,
    country: query.country ?? null,
    orgType: query.orgType ?? null,
    gender: query.gender ?? null,
    status: query.status ?? null,
    from: query.from ?? null,
    to: query.to ?? null,
  };
  return { course, query, filter };
}

/** The query string of the current filters, for links (sorting, paging, exports) that keep them. */
export function filterParams(q: ReportQuery, courseId: string): URLSearchParams {
  const p = new URLSearchParams({ course: courseId, scope: q.scope });
  if (q.country) p.set("country", q.country);
  if (q.orgType) p.set("orgType", q.orgType);
  if (q.gender) p.set("gender", q.gender);
  if (q.status) p.set("status", q.status);
  if (q.from) p.set("from", q.from);
  if (q.to) p.set("to", q.to);
  return p;
}
