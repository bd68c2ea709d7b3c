import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { IntentButton } from "~/components/forms";
import { contentLang, pageTitle, useLang, useT } from "~/components/i18n";
import { CourseTextNotices } from "~/components/course-trail";
import { formatDate } from "~/i18n";
import { PreviewBanner } from "~/components/preview-banner";
import { ProgressBar } from "~/components/progress";
import { EnrolForm } from "~/learning/forms.server";
import { courseView, enrolIn } from "~/learning/pages.server";
import { learnerPage, publicCoursePage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { badRequest } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";
import { READING_PAGE } from "~/lib/hydration";

// A reading page: no JavaScript (decision 031).
export const handle = READING_PAGE;

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.course.title) }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, course, text, t, can } = await publicCoursePage(args, "courseId");
  return json({ ...(await courseView(rt.db, course, text, user, t)), canPreview: can("course.viewDraft") });
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user, course } = await learnerPage(args, { course: "courseId" });
  if (!(await readSubmission(args.request, EnrolForm)).ok) throw badRequest("Unknown action");
  return redirect(await enrolIn(rt.db, user, course));
}

/** Whether the learner passed a quiz (a module's or the course's assessment) and whether an attempt is open. */
function QuizState({ passed, open }: { passed?: boolean | undefined; open?: boolean | undefined }) {
  const t = useT();
  return (
    <>
      {passed ? <span className="status status-ok">{t("course.quizPassed")}</span> : null}
      {open ? <span className="status">{t("course.quizOpen")}</span> : null}
    </>
  );
}

export default function CoursePage() {
  const { course, stuck, draft, canPreview, fallback, unreviewed, signedIn, enrolled, progress, completedAt, certificate } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <article {...contentLang(course.lang)}>
      <CourseTextNotices fallback={fallback} unreviewed={unreviewed} />
      <PreviewBanner draft={draft} preview={false} />
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
          {stuck.map((q) => (
            <p key={q.title} role="status" className="alert alert-error">
              {t("course.stuck", { quiz: q.title, attempts: q.attempts })}
            </p>
          ))}
          {certificate?.revokedAt ? (
            // Said plainly, so a learner whose certificate stops verifying knows why the links are gone.
            <p role="status" className="alert alert-error">
              {t("course.certificateRevoked", { date: formatDate(certificate.revokedAt, lang, "long") })}
            </p>
          ) : null}
          {certificate && !certificate.revokedAt ? (
            <section aria-labelledby="cert-heading">
              <h3 id="cert-heading">{t("cert.yours")}</h3>
              <ul>
                <li>
                  <a href={paths.certificatePdf(certificate.code)} download>
                    {t("cert.download")}
                  </a>{" "}
                  (<a href={paths.certificatePdf(certificate.code, "letter")} download>{t("cert.downloadLetter")}</a>)
                </li>
                <li>
                  <a href={paths.badge(certificate.code)} download>
                    {t("cert.badge")}
                  </a>
                </li>
                <li>
                  <Link to={paths.verify(certificate.code)}>{t("cert.verifyLink")}</Link>
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
        <IntentButton intent="enrol">{t("course.enrol")}</IntentButton>
      ) : (
        <p>
          <Link to={paths.login(paths.course(course.id))}>{t("course.loginToEnrol")}</Link>
        </p>
      )}

      <h2>{t("course.modules")}</h2>
      <ol className="modules">
        {course.modules.map((m) => (
          <li key={m.id} className="module">
            <h3 id={`module-${m.id}`}>{m.title}</h3>
            {enrolled || canPreview ? (
              <p className="meta">
                <a href={paths.moduleFile(course.id, m.id)} download aria-describedby={`module-${m.id}`}>
                  {t("course.downloadModule")}
                </a>
              </p>
            ) : null}
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
                  {enrolled || canPreview ? <Link to={paths.lesson(course.id, l.id)}>{l.title}</Link> : <span>{l.title}</span>}{" "}
                  <span className="meta">{t("course.lessonMinutes", { minutes: l.minutes })}</span>
                  {enrolled ? <span className={l.done ? "status status-ok" : "status"}>{l.done ? t("course.done") : t("course.notDone")}</span> : null}
                </li>
              ))}
              {m.quiz ? (
                <li>
                  {enrolled || canPreview ? <Link to={paths.quiz(course.id, m.quiz.id)}>{t("course.quiz")}</Link> : <span>{t("course.quiz")}</span>}
                  <QuizState passed={m.quiz.passed} open={m.quiz.open} />
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
          {enrolled || canPreview ? <Link to={paths.quiz(course.id, course.assessment.id)}>{t("course.assessment")}</Link> : t("course.assessment")}
          <QuizState passed={course.assessment.passed} open={course.assessment.open} />
        </p>
      ) : null}
      {course.hasGlossary ? (
        <p>
          <Link to={paths.glossary(course.id)}>{t("course.glossary")}</Link>
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
