import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/auth/session.server";
import { isVisible } from "~/content/catalog.server";
import { courseLanguage, pick } from "~/content/localize";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { ProgressBar } from "~/components/progress";
import { resolveLanguage } from "~/i18n/language.server";
import { nextStepPath } from "~/learning/links";
import { getCourseProgress, listEnrolments } from "~/learning/progress.server";
import { runtime } from "~/runtime.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "dashboard.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const { db, catalog } = runtime();
  const ui = await resolveLanguage(request, user.locale);
  const enrolments = await listEnrolments(db, user.id);
  const courses = [];
  // Most recent activity first: the first card is where the learner stopped.
  for (const e of enrolments) {
    const course = catalog.byId.get(e.course_id);
    if (!course || !isVisible(course, user)) continue;
    const { lang } = courseLanguage(course, ui);
    const progress = await getCourseProgress(db, user.id, course);
    const next = progress.next;
    const nextTitle =
      next.kind === "lesson"
        ? pick(course.lessonsById.get(next.lessonId)!.title, lang)
        : next.kind === "quiz"
          ? (() => {
              const quiz = course.quizzesById.get(next.quizId)!;
              const module = course.modules.find((m) => m.id === quiz.moduleId);
              return module ? pick(module.title, lang) : null;
            })()
          : null;
    courses.push({
      id: course.id,
      lang,
      title: pick(course.title, lang),
      percent: progress.percent,
      completedAt: e.completed_at,
      next: next.kind === "done" ? null : { path: nextStepPath(course.id, next), title: nextTitle, kind: next.kind },
    });
  }
  return json({ name: user.name, courses });
}

export default function Dashboard() {
  const { name, courses } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("dashboard.title")}</h1>
      <p>{t("dashboard.welcome", { name })}</p>
      <Form method="get" action="/join" className="inline-form join-form">
        <label htmlFor="code">{t("dashboard.inviteCode")}</label>
        <input id="code" name="code" type="text" autoComplete="off" maxLength={20} required />
        <button type="submit">{t("join.submit")}</button>
      </Form>
      {courses.length === 0 ? (
        <p>
          {t("dashboard.none")} <Link to="/">{t("dashboard.browse")}</Link>
        </p>
      ) : (
        <ul className="cards">
          {courses.map((c) => (
            <li key={c.id} className="card" lang={c.lang}>
              <h2>
                <Link to={`/courses/${c.id}`}>{c.title}</Link>
              </h2>
              <ProgressBar percent={c.percent} />
              {c.completedAt ? (
                <p className="alert alert-ok">
                  {t("dashboard.completedOn", { date: new Date(c.completedAt).toLocaleDateString(lang, { timeZone: "UTC" }) })}
                </p>
              ) : null}
              {c.next ? (
                <p>
                  <Link className="button-primary" to={c.next.path}>
                    {c.next.title
                      ? t("dashboard.continueWith", { title: c.next.kind === "quiz" ? `${t("course.quiz")}: ${c.next.title}` : c.next.title })
                      : t("course.continue")}
                  </Link>
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
