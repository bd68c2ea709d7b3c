import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CourseCard } from "~/components/course-card";
import { pageTitle, useT } from "~/components/i18n";
import { catalogueView } from "~/learning/pages.server";
import { publicPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { READING_PAGE } from "~/lib/hydration";

// A reading page: no JavaScript (decision 031).
export const handle = READING_PAGE;

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "catalog.title") },
  { name: "description", content: "Courses on the UN framework of responsible State behaviour in cyberspace, CBMs, CSIRT cooperation and national strategies." },
];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, lang, can } = await publicPage(args);
  const query = new URL(args.request.url).searchParams.get("q") ?? "";
  return json(await catalogueView(rt.db, rt.catalog, user, can("course.viewDraft"), lang, query));
}

export default function Catalog() {
  const { courses, query } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("catalog.title")}</h1>
      <p className="lead">{t("catalog.intro")}</p>
      {/* A GET form: the search works without JavaScript, and a result page can be bookmarked or shared. */}
      <Form method="get" role="search" className="search-form">
        <label htmlFor="q">{t("catalog.search")}</label>
        <input id="q" name="q" type="search" defaultValue={query} maxLength={100} key={query} />
        <button type="submit">{t("catalog.searchButton")}</button>
      </Form>
      {query ? (
        <p role="status">
          {t("catalog.results", { count: courses.length, query })} <Link to={paths.home}>{t("catalog.clearSearch")}</Link>
        </p>
      ) : courses.length === 0 ? (
        <p>{t("catalog.empty")}</p>
      ) : null}
      <ul className="cards">
        {courses.map((c) => (
          <CourseCard key={c.id} course={c}>
            <p>{c.summary}</p>
            <p className="meta">
              {t("catalog.hours", { hours: c.hours })} · {t(`catalog.level.${c.level}`)} · {t("catalog.modules", { count: c.modules })}
              {c.draft ? <strong className="badge">{t("catalog.draft")}</strong> : null}
              {c.enrolled ? <strong className="badge badge-ok">{t("catalog.enrolled")}</strong> : null}
            </p>
            <p className="meta">
              <span>{t("catalog.languages")}</span>
              {c.languages.map((l) => (
                <span key={l.code} className="badge" lang={l.code}>
                  {l.name}
                </span>
              ))}
            </p>
            {c.hits.length > 0 ? (
              <ul className="hits">
                {c.hits.map((h, i) => (
                  <li key={i}>{t(`catalog.hit.${h.field}`, { text: h.text })}</li>
                ))}
              </ul>
            ) : null}
          </CourseCard>
        ))}
      </ul>
    </>
  );
}
