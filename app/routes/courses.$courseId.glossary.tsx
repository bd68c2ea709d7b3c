import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { contentLang, pageTitle, useT } from "~/components/i18n";
import { glossaryView } from "~/learning/pages.server";
import { publicCoursePage } from "~/lib/guards.server";
import { CourseTrail } from "~/components/course-trail";
import { READING_PAGE } from "~/lib/hydration";

// A reading page: no JavaScript (decision 031).
export const handle = READING_PAGE;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "course.glossary", data?.courseTitle) }];

// Public like the course page: a glossary is reference material, not progress.
export async function loader(args: LoaderFunctionArgs) {
  const { course, text } = await publicCoursePage(args, "courseId");
  return json(glossaryView(course, text));
}

export default function Glossary() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article {...contentLang(d.lang)}>
      <CourseTrail courseId={d.courseId} courseTitle={d.courseTitle} fallback={d.fallback} unreviewed={d.unreviewed} />
      <h1>{t("glossary.title", { course: d.courseTitle })}</h1>
      {d.terms.length === 0 ? <p>{t("glossary.empty")}</p> : null}
      <dl className="glossary">
        {d.terms.map((term) => (
          <div key={term.id} id={term.id}>
            <dt>{term.term}</dt>
            <dd>{term.definition}</dd>
          </div>
        ))}
      </dl>
    </article>
  );
}
