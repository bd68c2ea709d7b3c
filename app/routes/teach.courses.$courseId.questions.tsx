import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import { ItemTables } from "~/components/item-table";
import { staffCoursePage } from "~/lib/guards.server";
import { courseQuestionDifficulty } from "~/reports/items.server";
import { paths } from "~/lib/links";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "items.link", data?.course) }];

/** The same item analysis as the managers' report, over all learners of the course, for the staff who look after it. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, course, t } = await staffCoursePage(args, "questions.analyse");
  return json({ course: pick(course.title, course.baseLanguage), quizzes: await courseQuestionDifficulty(rt.db, course, t) });
}

export default function CourseQuestions() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article className="report">
      <p className="breadcrumbs">
        <Link to={paths.teach}>{t("teach.title")}</Link>
      </p>
      <h1>{t("items.title", { course: d.course })}</h1>
      <p className="hint">
        {t("items.scope")}. {t("items.intro")}
      </p>
      <ItemTables quizzes={d.quizzes} />
    </article>
  );
}
