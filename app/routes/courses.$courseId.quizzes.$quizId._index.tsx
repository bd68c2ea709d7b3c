import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { quizOr404 } from "~/content/catalog.server";
import { pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import { requireEnrolledCourse } from "~/learning/context.server";
import { hasIntent, StartQuizForm } from "~/learning/forms.server";
import { attemptPath } from "~/learning/links";
import { quizTitle } from "~/learning/quiz-view.server";
import { quizStatus, startAttempt } from "~/learning/quiz.server";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.title) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, lang, t, fallback } = await requireEnrolledCourse(request, params);
  const quiz = quizOr404(course, params.quizId);
  const status = await quizStatus(runtime().db, user.id, course.id, quiz);
  const module = course.modules.find((m) => m.id === quiz.moduleId);
  return json({
    courseId: course.id,
    courseTitle: pick(course.title, lang),
    lang,
    fallback,
    title: quizTitle(quiz, module ? pick(module.title, lang) : null, lang, t),
    questionCount: quiz.questions.length,
    passMark: quiz.passMark,
    maxAttempts: quiz.maxAttempts,
    used: status.used,
    remaining: status.remaining,
    bestPercent: status.bestPercent === null ? null : Math.round(status.bestPercent),
    passed: status.passed,
    openAttempt: status.open ? attemptPath(course.id, quiz.id, status.open.id) : null,
    history: status.attempts.map((a) => ({
      number: a.attempt_number,
      path: attemptPath(course.id, quiz.id, a.id),
      percent: a.score_percent === null ? null : Math.round(a.score_percent),
      passed: a.passed === 1,
    })),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course } = await requireEnrolledCourse(request, params);
  const quiz = quizOr404(course, params.quizId);
  if (!hasIntent(StartQuizForm, await readForm(request)))
    return json({ error: "unknown" as const }, { status: 400 });
  const result = await startAttempt(runtime().db, user.id, course, quiz);
  if (!result.ok) return json({ error: "quiz.noAttemptsLeft" as const }, { status: 409 });
  return redirect(attemptPath(course.id, quiz.id, result.attemptId));
}

export default function QuizPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  const attempts = d.maxAttempts === 0 ? t("quiz.attemptsUnlimited") : t("quiz.attemptsLimited", { used: d.used, max: d.maxAttempts });
  return (
    <article lang={d.lang}>
      <p className="breadcrumbs">
        <Link to={`/courses/${d.courseId}`}>{d.courseTitle}</Link>
      </p>
      {d.fallback ? <p className="alert">{t("course.fallback", d.fallback)}</p> : null}
      <h1>{d.title}</h1>
      <p>{t("quiz.intro", { passMark: d.passMark, attempts })}</p>
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
      ) : d.remaining === 0 ? (
        <p className="alert">{t("quiz.noAttemptsLeft")}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="start" />
          <button type="submit" className="button-primary">
            {d.used > 0 ? t("quiz.retake") : t("quiz.start")}
          </button>
        </Form>
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
