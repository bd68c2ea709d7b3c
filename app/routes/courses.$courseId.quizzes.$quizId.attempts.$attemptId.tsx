import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { quizOr404 } from "~/content/catalog.server";
import { pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import { Feedback, QuestionForm } from "~/components/question";
import { requireEnrolledCourse } from "~/learning/context.server";
import { attemptPath, nextStepPath, quizPath } from "~/learning/links";
import { getCourseProgress } from "~/learning/progress.server";
import { feedbackView, questionView, quizTitle } from "~/learning/quiz-view.server";
import { answerQuestion, getAttempt } from "~/learning/quiz.server";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.title) }];

const notFound = () => new Response("Not found", { status: 404 });

async function attemptContext(request: Request, params: LoaderFunctionArgs["params"]) {
  const ctx = await requireEnrolledCourse(request, params);
  const quiz = quizOr404(ctx.course, params.quizId);
  const view = params.attemptId ? await getAttempt(runtime().db, ctx.user.id, quiz, params.attemptId) : null;
  if (!view) throw notFound();
  return { ...ctx, quiz, view };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, quiz, view, lang, t, fallback } = await attemptContext(request, params);
  const module = course.modules.find((m) => m.id === quiz.moduleId);
  const feedbackFor = (id: string) => {
    const entry = view.questions.find((q) => q.question.id === id);
    const answer = view.answers.get(id);
    return entry && answer ? feedbackView(entry.question, answer.response, answer.correct, lang, t) : null;
  };
  const submitted = view.attempt.submitted_at !== null;
  // Immediate feedback shows the question just answered (named in ?answered=) before the next one.
  const answeredId = new URL(request.url).searchParams.get("answered");
  const justAnswered = quiz.feedback === "immediate" && answeredId ? feedbackFor(answeredId) : null;
  const currentIndex = view.current ? view.questions.findIndex((q) => q.question.id === view.current!.id) : -1;
  const next = submitted ? (await getCourseProgress(runtime().db, user.id, course)).next : null;
  return json({
    courseId: course.id,
    courseTitle: pick(course.title, lang),
    quizPath: quizPath(course.id, quiz.id),
    attemptPath: attemptPath(course.id, quiz.id, view.attempt.id),
    lang,
    fallback,
    title: quizTitle(quiz, module ? pick(module.title, lang) : null, lang, t),
    feedbackMode: quiz.feedback,
    total: view.questions.length,
    current:
      view.current && !submitted
        ? { number: currentIndex + 1, question: questionView(view.current, view.questions[currentIndex]!.optionOrder, lang) }
        : null,
    justAnswered,
    result: submitted
      ? {
          percent: Math.round(view.attempt.score_percent ?? 0),
          passed: view.attempt.passed === 1,
          correct: view.attempt.correct_count ?? 0,
          total: view.attempt.question_count,
          passMark: quiz.passMark,
          review: view.questions.flatMap((q) => feedbackFor(q.question.id) ?? []),
          nextPath: next && next.kind !== "done" ? nextStepPath(course.id, next) : null,
        }
      : null,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, course, quiz, view } = await attemptContext(request, params);
  const form = await readForm(request);
  const questionId = String(form.get("questionId") ?? "");
  const result = await answerQuestion(runtime().db, user.id, course, quiz, view.attempt.id, questionId, form);
  if (!result.ok) return json({ error: result.error, questionId }, { status: result.error === "quiz.error.attemptClosed" ? 409 : 400 });
  const here = attemptPath(course.id, quiz.id, view.attempt.id);
  if (quiz.feedback === "immediate") return redirect(`${here}?${new URLSearchParams({ answered: questionId })}`);
  return redirect(here);
}

export default function AttemptPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <article lang={d.lang} className="quiz">
      <p className="breadcrumbs">
        <Link to={`/courses/${d.courseId}`}>{d.courseTitle}</Link> › <Link to={d.quizPath}>{d.title}</Link>
      </p>
      {d.fallback ? <p className="alert">{t("course.fallback", d.fallback)}</p> : null}
      {actionData && actionData.questionId !== d.current?.question.id ? (
        <p role="alert" className="alert alert-error">
          {t(actionData.error)}
        </p>
      ) : null}
      {d.result ? (
        <>
          <h1>{t("quiz.resultTitle", { percent: d.result.percent })}</h1>
          <p role="status" className={d.result.passed ? "alert alert-ok" : "alert alert-error"}>
            {t(d.result.passed ? "quiz.resultPassed" : "quiz.resultFailed", {
              passMark: d.result.passMark,
              correct: d.result.correct,
              total: d.result.total,
            })}
          </p>
          <p className="actions">
            {d.result.nextPath ? (
              <Link className="button-primary" to={d.result.nextPath}>
                {t("course.continue")}
              </Link>
            ) : null}
            <Link to={d.quizPath}>{t("quiz.backToQuiz")}</Link>
            <Link to={`/courses/${d.courseId}`}>{t("lesson.backToCourse")}</Link>
          </p>
          <h2>{t("quiz.review")}</h2>
          {d.result.review.map((f) => (
            <Feedback key={f.questionId} f={f} headingLevel={3} />
          ))}
        </>
      ) : (
        <>
          <h1>{d.title}</h1>
          {d.justAnswered ? (
            <>
              <Feedback f={d.justAnswered} />
              <p>
                <Link className="button-primary" to={d.attemptPath}>
                  {d.current ? t("quiz.nextQuestion") : t("quiz.seeResults")}
                </Link>
              </p>
            </>
          ) : d.current ? (
            <>
              <p className="hint">{d.feedbackMode === "end" ? t("quiz.feedbackAtEnd") : t("quiz.saved")}</p>
              <QuestionForm
                q={d.current.question}
                number={d.current.number}
                total={d.total}
                error={actionData && actionData.questionId === d.current.question.id ? actionData.error : null}
              />
            </>
          ) : null}
        </>
      )}
    </article>
  );
}
