import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { courseOr404 } from "~/content/catalog.server";
import { courseLanguage, pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import { languageName } from "~/i18n";
import { resolveLanguage } from "~/i18n/language.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "course.glossary", data?.courseTitle) }];

// Public like the course page: a glossary is reference material, not progress.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await getSessionUser(request);
  const course = courseOr404(params.courseId, user);
  const ui = await resolveLanguage(request, user?.locale ?? null);
  const { lang, fallback } = courseLanguage(course, ui);
  const terms = course.glossary
    .map((g) => ({ id: g.id, term: pick(g.term, lang), definition: pick(g.definition, lang) }))
    .sort((a, b) => a.term.localeCompare(b.term, lang));
  return json({
    courseId: course.id,
    courseTitle: pick(course.title, lang),
    lang,
    fallback: fallback ? { language: languageName(ui), fallback: languageName(lang) } : null,
    terms,
  });
}

export default function Glossary() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article lang={d.lang}>
      <p className="breadcrumbs">
        <Link to={`/courses/${d.courseId}`}>{d.courseTitle}</Link>
      </p>
      {d.fallback ? <p className="alert">{t("course.fallback", d.fallback)}</p> : null}
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
