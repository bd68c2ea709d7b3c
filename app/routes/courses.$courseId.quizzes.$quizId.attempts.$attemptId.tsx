import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { contentLang, pageTitle, useT } from "~/components/i18n";
import { CourseTextNotices } from "~/components/course-trail";
import { Feedback, QuestionForm } from "~/components/question";
import { AnswerForm } from "~/learning/forms.server";
import { attemptView, submitAnswer } from "~/learning/pages.server";
import { learnerPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.title) }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, course, text, t } = await learnerPage(args, { course: "courseId", enrolled: true });
  const answered = new URL(args.request.url).searchParams.get("answered");
  return json(await attemptView(rt.db, user, course, text, args.params.quizId, args.params.attemptId, answered, t));
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user, course } = await learnerPage(args, { course: "courseId", enrolled: true });
  const sent = await readSubmission(args.request, AnswerForm);
  const questionId = sent.ok ? sent.data.questionId : "";
  const result = await submitAnswer(rt.db, user, course, args.params.quizId, args.params.attemptId, questionId, sent.form);
  if (!result.ok) return json({ error: result.error, questionId }, { status: result.error === "quiz.error.attemptClosed" ? 409 : 400 });
  return redirect(result.next);
}

export default function AttemptPage() {
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const t = useT();
  return (
    <article {...contentLang(d.lang)} className="quiz">
      <p className="breadcrumbs">
        <Link to={paths.course(d.courseId)}>{d.courseTitle}</Link> › <Link to={d.quizPath}>{d.title}</Link>
      </p>
      <CourseTextNotices fallback={d.fallback} unreviewed={d.unreviewed} />
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
            <Link to={paths.course(d.courseId)}>{t("lesson.backToCourse")}</Link>
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
