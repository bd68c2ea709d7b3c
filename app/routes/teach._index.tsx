import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { visibleCourses } from "~/content/catalog.server";
import { pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import { runtime } from "~/runtime.server";
import { inScope, staffCourseIds } from "~/teaching/staff.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "teach.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "questions.analyse");
  const scope = await staffCourseIds(runtime().db, user);
  const courses = visibleCourses(user).filter((c) => inScope(scope, c.id));
  return json({ courses: courses.map((c) => ({ id: c.id, title: pick(c.title, c.baseLanguage) })) });
}

export default function Teach() {
  const { courses } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("teach.title")}</h1>
      <p>
        <Link to="/teach/health">{t("health.title")}</Link> · <Link to="/teach/reviews">{t("review.title")}</Link>
      </p>
      <p className="hint">{t(courses.length ? "teach.yourCourses" : "teach.noCourses")}</p>
      <ul>
        {courses.map((c) => (
          <li key={c.id}>
            <Link to={`/teach/courses/${c.id}/questions`}>{c.title}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
