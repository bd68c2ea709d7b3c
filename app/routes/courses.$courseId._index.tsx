import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { getSessionUser, requireUser } from "~/auth/session.server";
import { getCertificateFor } from "~/certificates/certificates.server";
import { courseOr404 } from "~/content/catalog.server";
import { courseLanguage, pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import { ProgressBar } from "~/components/progress";
import { languageName } from "~/i18n";
import { resolveLanguage } from "~/i18n/language.server";
import { EnrolForm, hasIntent } from "~/learning/forms.server";
import { lessonPath, nextStepPath, quizPath } from "~/learning/links";
import { courseProgress } from "~/learning/progress";
import { enrol, getEnrolment, learnerState } from "~/learning/progress.server";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.course.title) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await getSessionUser(request);
  const course = courseOr404(params.courseId, user);
  const ui = await resolveLanguage(request, user?.locale ?? null);
  const { lang, fallback } = courseLanguage(course, ui);
  const { db } = runtime();
  const enrolment = user ? await getEnrolment(db, user.id, course.id) : undefined;
  const state = user && enrolment ? await learnerState(db, user.id, course.id) : null;
  const progress = state ? courseProgress(course, state) : null;
  const certificate = user && enrolment?.completed_at ? await getCertificateFor(db, user.id, course.id) : undefined;
  return json({
    course: {
      id: course.id,
      lang,
      title: pick(course.title, lang),
      summary: pick(course.summary, lang),
      hours: course.hours,
      level: course.level,
      hasGlossary: course.glossary.length > 0,
      sources: course.sources.map((s) => ({ id: s.id, symbol: s.symbol, title: pick(s.title, lang), url: s.url })),
      modules: course.modules.map((m, i) => ({
        id: m.id,
        title: pick(m.title, lang),
        objectives: m.objectives.map((o) => pick(o, lang)),
        lessons: m.lessons.map((l) => ({ id: l.id, title: pick(l.title, lang), minutes: l.minutes, done: !!state?.completedLessons.has(l.id) })),
        quiz: m.quiz ? { id: m.quiz.id, ...progress?.modules[i]?.quiz } : null,
        exercise: m.exercise
          ? { path: `/courses/${course.id}/${m.exercise.type === "scenario" ? "scenarios" : "exercises"}/${m.exercise.id}`, title: pick(m.exercise.title, lang), scenario: m.exercise.type === "scenario" }
          : null,
      })),
      assessment: course.assessment
        ? { id: course.assessment.id, passed: !!state?.passedQuizzes.has(course.assessment.id), open: !!state?.openAttempts.has(course.assessment.id) }
        : null,
    },
    fallback: fallback ? { language: languageName(ui), fallback: languageName(lang) } : null,
    signedIn: !!user,
    enrolled: !!enrolment,
    completedAt: enrolment?.completed_at ?? null,
    certificate: certificate ? { code: certificate.code, revoked: certificate.revoked_at !== null } : null,
    progress: progress && {
      percent: progress.percent,
      lessonsDone: progress.lessonsDone,
      lessonsTotal: progress.lessonsTotal,
      quizzesPassed: progress.quizzesPassed,
      quizzesTotal: progress.quizzesTotal,
      complete: progress.complete,
      nextPath: nextStepPath(course.id, progress.next),
      started: progress.lessonsDone > 0 || progress.quizzesPassed > 0,
    },
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const course = courseOr404(params.courseId, user);
  if (!hasIntent(EnrolForm, await readForm(request))) return json({ error: "Unknown action" }, { status: 400 });
  await enrol(runtime().db, user.id, course.id);
  return redirect(`/courses/${course.id}`);
}

export default function CoursePage() {
  const { course, fallback, signedIn, enrolled, progress, completedAt, certificate } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <article lang={course.lang}>
      {fallback ? <p className="alert">{t("course.fallback", fallback)}</p> : null}
      <h1>{course.title}</h1>
      <p className="lead">{course.summary}</p>
      <p className="meta">{t("course.hoursLevel", { hours: course.hours, level: t(`catalog.level.${course.level}`) })}</p>

      {enrolled && progress ? (
        <section className="panel" aria-labelledby="progress-heading">
          <h2 id="progress-heading" className="visually-hidden">
            {t("course.progress", { percent: progress.percent })}
          </h2>
          <ProgressBar percent={progress.percent} />
          <p className="meta">{t("course.progressDetail", {
              lessonsDone: progress.lessonsDone,
              lessonsTotal: progress.lessonsTotal,
              quizzesPassed: progress.quizzesPassed,
              quizzesTotal: progress.quizzesTotal,
            })}</p>
          {completedAt ? <p className="alert alert-ok">{t("course.completed")}</p> : null}
          {certificate && !certificate.revoked ? (
            <section aria-labelledby="cert-heading">
              <h3 id="cert-heading">{t("cert.yours")}</h3>
              <ul>
                <li>
                  <a href={`/certificates/${certificate.code}.pdf`} download>
                    {t("cert.download")}
                  </a>{" "}
                  (<a href={`/certificates/${certificate.code}.pdf?size=letter`} download>{t("cert.downloadLetter")}</a>)
                </li>
                <li>
                  <a href={`/certificates/${certificate.code}/badge.json`} download>
                    {t("cert.badge")}
                  </a>
                </li>
                <li>
                  <Link to={`/verify/${certificate.code}`}>{t("cert.verifyLink")}</Link>
                </li>
              </ul>
            </section>
          ) : null}
          {!progress.complete ? (
            <p>
              <Link className="button-primary" to={progress.nextPath}>
                {progress.started ? t("course.continue") : t("course.start")}
              </Link>
            </p>
          ) : null}
        </section>
      ) : signedIn ? (
        <Form method="post">
          <input type="hidden" name="intent" value="enrol" />
          <button type="submit" className="button-primary">
            {t("course.enrol")}
          </button>
        </Form>
      ) : (
        <p>
          <Link to={`/login?${new URLSearchParams({ redirectTo: `/courses/${course.id}` })}`}>{t("course.loginToEnrol")}</Link>
        </p>
      )}

      <h2>{t("course.modules")}</h2>
      <ol className="modules">
        {course.modules.map((m) => (
          <li key={m.id} className="module">
            <h3>{m.title}</h3>
            {m.objectives.length ? (
              <>
                <p className="meta">{t("course.objectives")}</p>
                <ul>
                  {m.objectives.map((o) => (
                    <li key={o}>{o}</li>
                  ))}
                </ul>
              </>
            ) : null}
            <ol className="lessons">
              {m.lessons.map((l) => (
                <li key={l.id}>
                  {enrolled ? <Link to={lessonPath(course.id, l.id)}>{l.title}</Link> : <span>{l.title}</span>}{" "}
                  <span className="meta">{t("course.lessonMinutes", { minutes: l.minutes })}</span>
                  {enrolled ? <span className={l.done ? "status status-ok" : "status"}>{l.done ? t("course.done") : t("course.notDone")}</span> : null}
                </li>
              ))}
              {m.quiz ? (
                <li>
                  {enrolled ? <Link to={quizPath(course.id, m.quiz.id)}>{t("course.quiz")}</Link> : <span>{t("course.quiz")}</span>}
                  {m.quiz.passed ? <span className="status status-ok">{t("course.quizPassed")}</span> : null}
                  {m.quiz.open ? <span className="status">{t("course.quizOpen")}</span> : null}
                </li>
              ) : null}
              {m.exercise ? (
                <li>
                  {m.exercise.scenario ? t("scenario.label") : t("exercise.label")}:{" "}
                  {enrolled ? <Link to={m.exercise.path}>{m.exercise.title}</Link> : <span>{m.exercise.title}</span>}
                </li>
              ) : null}
            </ol>
          </li>
        ))}
      </ol>
      {course.assessment ? (
        <p>
          {enrolled ? <Link to={quizPath(course.id, course.assessment.id)}>{t("course.assessment")}</Link> : t("course.assessment")}
          {course.assessment.passed ? <span className="status status-ok">{t("course.quizPassed")}</span> : null}
          {course.assessment.open ? <span className="status">{t("course.quizOpen")}</span> : null}
        </p>
      ) : null}
      {course.hasGlossary ? (
        <p>
          <Link to={`/courses/${course.id}/glossary`}>{t("course.glossary")}</Link>
        </p>
      ) : null}
      {course.sources.length ? (
        <section>
          <h2>{t("course.sources")}</h2>
          <ul>
            {course.sources.map((s) => (
              <li key={s.id}>
                <strong>{s.symbol}</strong> — {s.url ? <a href={s.url}>{s.title}</a> : s.title}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
