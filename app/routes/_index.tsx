import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
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
  return json({ courses: await catalogueView(rt.db, rt.catalog, user, can("course.viewDraft"), lang) });
}

export default function Catalog() {
  const { courses } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("catalog.title")}</h1>
      <p className="lead">{t("catalog.intro")}</p>
      {courses.length === 0 ? <p>{t("catalog.empty")}</p> : null}
      <ul className="cards">
        {courses.map((c) => (
          <li key={c.id} className="card" lang={c.lang}>
            <h2>
              <Link to={paths.course(c.id)}>{c.title}</Link>
            </h2>
            <p>{c.summary}</p>
            <p className="meta">
              {t("catalog.hours", { hours: c.hours })} · {t(`catalog.level.${c.level}`)} · {t("catalog.modules", { count: c.modules })}
              {c.draft ? <strong className="badge">{t("catalog.draft")}</strong> : null}
              {c.enrolled ? <strong className="badge badge-ok">{t("catalog.enrolled")}</strong> : null}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
