import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle, useT } from "~/components/i18n";
import { ItemTables } from "~/components/item-table";
import { cohortPage } from "~/lib/guards.server";
import { cohortQuestionsView } from "~/reports/views.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "items.link", data?.cohort) }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, cohort, t } = await cohortPage(args);
  return json(await cohortQuestionsView(rt, user, cohort, new URL(args.request.url), t));
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
