import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { pick } from "~/content/localize";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { reviewQueue } from "~/learning/exercises.server";
import { runtime } from "~/runtime.server";
import { staffCourseIds } from "~/teaching/staff.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "review.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requirePermission(request, "exercises.review");
  const { db, catalog } = runtime();
  const queue = (await reviewQueue(db, await staffCourseIds(db, user))).flatMap((d) => {
    const course = catalog.byId.get(d.course_id);
    const exercise = course?.exercisesById.get(d.exercise_id);
    if (!course || !exercise) return [];
    return [
      {
        path: `/teach/reviews/${d.user_id}/${d.course_id}/${d.exercise_id}`,
        name: d.name,
        course: pick(course.title, course.baseLanguage),
        exercise: pick(exercise.title, course.baseLanguage),
        submittedAt: d.submitted_at ?? 0,
      },
    ];
  });
  return json({ queue });
}

export default function Reviews() {
  const { queue } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("review.title")}</h1>
      {queue.length === 0 ? <p>{t("review.empty")}</p> : null}
      <ul>
        {queue.map((q) => (
          <li key={q.path}>
            {t("review.row", { name: q.name, exercise: q.exercise, course: q.course, date: new Date(q.submittedAt).toLocaleDateString(lang, { timeZone: "UTC" }) })}{" "}
            <Link to={q.path}>{t("review.open")}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
