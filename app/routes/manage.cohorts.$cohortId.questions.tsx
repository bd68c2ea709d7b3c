import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import { ItemTables } from "~/components/item-table";
import { filterParams, reportContext } from "~/reports/filters.server";
import { courseQuestionDifficulty } from "~/reports/items.server";
import { runtime } from "~/runtime.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "items.link", data?.cohort) }];

/** Question difficulty among this cohort's (or programme's) learners; the figures instructors see too. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const actor = await requirePermission(request, "cohorts.manage");
  const { db } = runtime();
  const { cohort, course, query, filter } = await reportContext(db, actor, params.cohortId, new URL(request.url));
  return json({
    cohort: cohort.name,
    cohortId: cohort.id,
    course: pick(course.title, course.baseLanguage),
    back: `/manage/cohorts/${cohort.id}/report?${filterParams(query, course.id)}`,
    quizzes: await courseQuestionDifficulty(db, course, filter.cohortIds),
  });
}

export default function CohortQuestions() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="report">
      <p className="breadcrumbs">
        <Link to={d.back}>{t("report.title", { cohort: d.cohort })}</Link>
      </p>
      <h1>{t("items.title", { course: d.course })}</h1>
      <p className="hint">{t("items.intro")}</p>
      <ItemTables quizzes={d.quizzes} />
    </article>
  );
}
