import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { getSessionUser } from "~/auth/session.server";
import { visibleCourses } from "~/content/catalog.server";
import { courseLanguage, pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import { resolveLanguage } from "~/i18n/language.server";
import { listEnrolments } from "~/learning/progress.server";
import { runtime } from "~/runtime.server";

export const meta: MetaFunction = ({ matches }) => [
  { title: pageTitle(matches, "catalog.title") },
  { name: "description", content: "Courses on the UN framework of responsible State behaviour in cyberspace, CBMs, CSIRT cooperation and national strategies." },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await getSessionUser(request);
  const lang = await resolveLanguage(request, user?.locale ?? null);
  const enrolled = new Set(user ? (await listEnrolments(runtime().db, user.id)).map((e) => e.course_id) : []);
  const courses = visibleCourses(user).map((c) => {
    const shown = courseLanguage(c, lang);
    return {
      id: c.id,
      lang: shown.lang,
      title: pick(c.title, shown.lang),
      summary: pick(c.summary, shown.lang),
      hours: c.hours,
      level: c.level,
      modules: c.modules.length,
      draft: c.status === "draft",
      enrolled: enrolled.has(c.id),
    };
  });
  return json({ courses });
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
              <Link to={`/courses/${c.id}`}>{c.title}</Link>
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
