import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { IntentButton } from "~/components/forms";
import { quizOr404 } from "~/content/catalog.server";
import { contentLang, pageTitle, useT } from "~/components/i18n";
import { StartQuizForm } from "~/learning/forms.server";
import { quizView, startQuiz } from "~/learning/pages.server";
import { learnerPage } from "~/lib/guards.server";
import { badRequest } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";
import { CourseTrail } from "~/components/course-trail";
import { PreviewBanner } from "~/components/preview-banner";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.title) }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, course, text, t, preview } = await learnerPage(args, { course: "courseId", enrolled: "or-preview" });
  return json(await quizView(rt.db, user, course, text, quizOr404(course, args.params.quizId), t, preview));
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user, course } = await learnerPage(args, { course: "courseId", enrolled: true });
  const quiz = quizOr404(course, args.params.quizId);
  if (!(await readSubmission(args.request, StartQuizForm)).ok) throw badRequest("Unknown action");
  const attempt = await startQuiz(rt.db, user, course, quiz);
  if (!attempt) return json({ error: "quiz.noAttemptsLeft" as const }, { status: 409 });
  return redirect(attempt);
}

export default function QuizPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const attempts = d.maxAttempts === 0 ? t("quiz.attemptsUnlimited") : t("quiz.attemptsLimited", { used: d.used, max: d.maxAttempts });
  return (
    <article {...contentLang(d.lang)}>
      <CourseTrail courseId={d.courseId} courseTitle={d.courseTitle} fallback={d.fallback} unreviewed={d.unreviewed} />
      <PreviewBanner draft={d.draft} preview={!!d.preview} />
      <h1>{d.title}</h1>
      <p>{t("quiz.intro", { passMark: d.passMark, attempts })}</p>
      {d.preview ? (
        <section aria-labelledby="preview-heading">
          <h2 id="preview-heading">{t("preview.questions")}</h2>
          <ol>
            {d.preview.map((q) => (
              <li key={q.id}>
                <h3>{q.prompt}</h3>
                {q.options.length ? (
                  <ul>
                    {q.options.map((o) => (
                      <li key={o}>{o}</li>
                    ))}
                  </ul>
                ) : null}
                <p>{t("quiz.rightAnswer", { answer: q.rightAnswer })}</p>
                <p>
                  <strong>{t("quiz.explanation")}:</strong> {q.explanation}
                </p>
                {q.source ? <p className="source">{t("quiz.source", { source: q.source })}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      {d.granted > 0 && d.remaining ? (
        <p role="status" className="alert alert-ok">
          {t("quiz.granted", { count: d.granted })}
        </p>
      ) : null}
      {d.passed ? <p className="alert alert-ok">{t("quiz.passedBadge")}</p> : null}
      {d.bestPercent !== null ? <p>{t("quiz.best", { percent: d.bestPercent })}</p> : null}
      {actionData?.error === "quiz.noAttemptsLeft" ? (
        <p role="alert" className="alert alert-error">
          {t("quiz.noAttemptsLeft")}
        </p>
      ) : null}
      {d.openAttempt ? (
        <p>
          <Link className="button-primary" to={d.openAttempt}>
            {t("quiz.resume")}
          </Link>
        </p>
      ) : d.preview ? null : d.remaining === 0 ? (
        <p className="alert">{t("quiz.noAttemptsLeft")}</p>
      ) : (
        <IntentButton intent="start">{d.used > 0 ? t("quiz.retake") : t("quiz.start")}</IntentButton>
      )}
      {d.history.length ? (
        <section>
          <h2>{t("quiz.history")}</h2>
          <ul>
            {d.history.map((a) => (
              <li key={a.number}>
                <Link to={a.path}>
                  {a.percent === null
                    ? t("quiz.historyOpen", { number: a.number })
                    : t("quiz.historyRow", { number: a.number, percent: a.percent, result: a.passed ? t("quiz.result.passed") : t("quiz.result.failed") })}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </article>
  );
}
