import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle, useT } from "~/components/i18n";
import { permittedPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { coursesLookedAfter } from "~/teaching/staff.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "teach.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await permittedPage(args, "questions.analyse");
  return json({ courses: await coursesLookedAfter(rt.db, rt.catalog, user) });
}

export default function Teach() {
  const { courses } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <>
      <h1>{t("teach.title")}</h1>
      <p>
        <Link to={paths.health}>{t("health.title")}</Link> · <Link to={paths.reviews}>{t("review.title")}</Link>
      </p>
      <p className="hint">{t(courses.length ? "teach.yourCourses" : "teach.noCourses")}</p>
      <ul>
        {courses.map((c) => (
          <li key={c.id}>
            <Link to={paths.teachQuestions(c.id)}>{c.title}</Link> · <Link to={paths.teachAttempts(c.id)}>{t("grant.teachLink")}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
