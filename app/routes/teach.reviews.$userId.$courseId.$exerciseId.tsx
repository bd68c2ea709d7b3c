import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { CommentList } from "~/components/comment-list";
import { PromptTableHead } from "~/components/exercise-form";
import { pageTitle, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n";
import { ReviewForm } from "~/learning/exercises.server";
import { staffCoursePage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { notFound } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";
import { reviewView, submitReview } from "~/teaching/reviews.server";
import { TableScroll } from "~/components/table-scroll";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "review.title", data?.title) }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, course } = await staffCoursePage(args, "exercises.review");
  const view = await reviewView(rt.db, course, args.params.exerciseId, args.params.userId);
  if (!view) throw notFound();
  return json(view);
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user, course } = await staffCoursePage(args, "exercises.review");
  const sent = await readSubmission(args.request, ReviewForm);
  if (!sent.ok) return json({ error: (sent.errors.comment ?? sent.errors.decision ?? Object.values(sent.errors)[0] ?? "review.error.decision") as MessageKey }, { status: 400 });
  const result = await submitReview(rt, user.id, course, args.params.exerciseId, args.params.userId, sent.data);
  if (!result) throw notFound();
  if (!result.ok) return json({ error: "review.error.notSubmitted" as MessageKey }, { status: 409 });
  return redirect(paths.reviewsAfter(result.mail));
}

export default function ReviewPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <article>
      <p className="breadcrumbs">
        <Link to={paths.reviews}>{t("review.title")}</Link>
      </p>
      <h1>{d.title}</h1>
      <p className="meta">
        {d.learner} · {d.course} · {t(`exercise.status.${d.status}`)}
      </p>
      {d.prompts.map((p) => {
        const a = d.answers[p.id];
        return (
          <section key={p.id}>
            <h2 id={`prompt-${p.id}`}>{p.label}</h2>
            {p.kind === "text" ? (
              <p className="draft-text">{typeof a === "string" ? a : ""}</p>
            ) : (
              <TableScroll labelledBy={`prompt-${p.id}`}>
                <table>
                  <PromptTableHead columns={p.columns} />
                  <tbody>
                    {(Array.isArray(a) ? a : [])
                      .filter((row) => row.some((c) => c.trim()))
                      .map((row, r) => (
                        <tr key={r}>
                          {p.columns.map((c, i) => (
                            <td key={c}>{row[i] ?? ""}</td>
                          ))}
                        </tr>
                      ))}
                  </tbody>
                </table>
              </TableScroll>
            )}
          </section>
        );
      })}
      <CommentList comments={d.comments} />
      {result?.error ? (
        <p role="alert" className="alert alert-error">
          {t(result.error)}
        </p>
      ) : null}
      {d.status === "submitted" ? (
        <Form method="post" className="narrow">
          <div className="field">
            <label htmlFor="comment">{t("review.comment")}</label>
            <textarea id="comment" name="comment" rows={6} maxLength={5000} />
          </div>
          <p className="actions">
            <button type="submit" name="decision" value="return">
              {t("review.return")}
            </button>
            <button type="submit" name="decision" value="accept" className="button-primary">
              {t("review.accept")}
            </button>
          </p>
        </Form>
      ) : null}
    </article>
  );
}
