import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { pick } from "~/content/localize";
import { CommentList } from "~/components/comment-list";
import { pageTitle, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n";
import { promptViews } from "~/learning/exercise-view.server";
import { getDraft, isReviewable, listComments, ReviewForm, reviewDraft } from "~/learning/exercises.server";
import { runtime } from "~/runtime.server";
import { requireCourseStaff } from "~/teaching/access.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "review.title", data?.title) }];

async function reviewContext(request: Request, params: LoaderFunctionArgs["params"]) {
  const { user: reviewer, course } = await requireCourseStaff(request, params.courseId, "exercises.review");
  const { db } = runtime();
  const found = params.exerciseId ? course.exercisesById.get(params.exerciseId) : undefined;
  const exercise = found?.type === "drafting" ? found : undefined;
  const key = { userId: params.userId ?? "", courseId: course.id, exerciseId: exercise?.id ?? "" };
  const draft = exercise ? await getDraft(db, key) : null;
  // A draft its learner never submitted is theirs alone: staff see submitted and reviewed work only.
  if (!exercise || !draft || !isReviewable(draft.status)) throw new Response("Not found", { status: 404 });
  return { reviewer, course, exercise, key, draft };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course, exercise, key, draft } = await reviewContext(request, params);
  const { db } = runtime();
  const learner = await db.selectFrom("users").select("name").where("id", "=", key.userId).executeTakeFirst();
  const lang = course.baseLanguage;
  return json({
    title: pick(exercise.title, lang),
    course: pick(course.title, lang),
    learner: learner?.name ?? "",
    status: draft.status,
    prompts: promptViews(exercise, lang),
    answers: draft.answers,
    comments: await listComments(db, key),
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { reviewer, key } = await reviewContext(request, params);
  const parsed = ReviewForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ error: (parsed.error.issues[0]?.message ?? "review.error.decision") as MessageKey }, { status: 400 });
  const result = await reviewDraft(runtime().db, reviewer.id, key, parsed.data);
  if (!result.ok) return json({ error: "review.error.notSubmitted" as MessageKey }, { status: 409 });
  return redirect("/teach/reviews");
}

export default function ReviewPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  return (
    <article>
      <p className="breadcrumbs">
        <Link to="/teach/reviews">{t("review.title")}</Link>
      </p>
      <h1>{d.title}</h1>
      <p className="meta">
        {d.learner} · {d.course} · {t(`exercise.status.${d.status}`)}
      </p>
      {d.prompts.map((p) => {
        const a = d.answers[p.id];
        return (
          <section key={p.id}>
            <h2>{p.label}</h2>
            {p.kind === "text" ? (
              <p className="draft-text">{typeof a === "string" ? a : ""}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr>
                      {p.columns.map((c) => (
                        <th key={c} scope="col">
                          {c}
                        </th>
                      ))}
                    </tr>
                  </thead>
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
              </div>
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
