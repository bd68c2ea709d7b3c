import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { GrantAttemptFields } from "~/components/grant-attempt";
import { pageTitle, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n";
import { CourseGrantForm, grantAttempt, stuckLearnersView } from "~/learning/attempt-grants.server";
import type { FieldErrors } from "~/lib/forms";
import { staffCoursePage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { notFound } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "grant.teachTitle", data?.course.title) }];

/** For the staff who look after a course: the learners who used every attempt at one of its quizzes, and one more for them. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, course, lang, t } = await staffCoursePage(args, "attempts.grant");
  return json({ ...(await stuckLearnersView(rt.db, course, lang, t)), granted: new URL(args.request.url).searchParams.get("notice") === "granted" });
}

type ActionData = { errors: FieldErrors; key: string; error: MessageKey | null };

export async function action(args: ActionFunctionArgs) {
  const { rt, course, user } = await staffCoursePage(args, "attempts.grant");
  const sent = await readSubmission(args.request, CourseGrantForm);
  const key = `${sent.form.get("user")} ${sent.form.get("quiz")}`;
  if (!sent.ok) return json<ActionData>({ errors: sent.errors, key, error: null }, { status: 400 });
  const granted = await grantAttempt(rt.db, rt.catalog, user, { userId: sent.data.user, courseId: course.id, quizId: sent.data.quiz, reason: sent.data.reason });
  if (!granted.ok && granted.reason === "not_found") throw notFound();
  if (!granted.ok) return json<ActionData>({ errors: {}, key, error: "grant.error.notNeeded" }, { status: 409 });
  return redirect(paths.teachAttempts(course.id, "notice=granted"));
}

export default function CourseAttempts() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  return (
    <>
      <p className="breadcrumbs">
        <Link to={paths.teach}>{t("teach.title")}</Link>
      </p>
      <h1>{t("grant.teachTitle", { course: d.course.title })}</h1>
      {d.granted ? (
        <p role="status" className="alert alert-ok">
          {t("grant.done")}
        </p>
      ) : null}
      {result?.error ? (
        <p role="alert" className="alert alert-error">
          {t(result.error)}
        </p>
      ) : null}
      {d.learners.length === 0 ? <p>{t("grant.noneStuck")}</p> : <p className="hint">{t("grant.teachHelp")}</p>}
      {d.learners.map((l) => (
        <Form method="post" key={`${l.userId} ${l.quizId}`} className="narrow card">
          <h2>
            {l.name} <span className="meta">{l.email}</span>
          </h2>
          <input type="hidden" name="user" value={l.userId} />
          <GrantAttemptFields item={l} who={l.name} errors={result?.key === `${l.userId} ${l.quizId}` ? result.errors : {}} />
        </Form>
      ))}
    </>
  );
}
