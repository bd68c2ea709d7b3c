import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import type { DraftStatus } from "@db/schema";
import { draftingOr404 } from "~/content/catalog.server";
import { pick } from "~/content/localize";
import { ExerciseForm } from "~/components/exercise-form";
import { CommentList } from "~/components/comment-list";
import { pageTitle, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n";
import { requireEnrolledCourse } from "~/learning/context.server";
import { readDraft } from "~/learning/drafting";
import { promptViews } from "~/learning/exercise-view.server";
import { getDraft, listComments, saveDraft, submitDraft } from "~/learning/exercises.server";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.title) }];

async function exerciseContext(request: Request, params: LoaderFunctionArgs["params"]) {
  const ctx = await requireEnrolledCourse(request, params);
  const exercise = draftingOr404(ctx.course, params.exerciseId);
  return { ...ctx, exercise, key: { userId: ctx.user.id, courseId: ctx.course.id, exerciseId: exercise.id } };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { course, exercise, key, lang, fallback } = await exerciseContext(request, params);
  const { db } = runtime();
  const draft = await getDraft(db, key);
  return json({
    courseId: course.id,
    courseTitle: pick(course.title, lang),
    lang,
    fallback,
    title: pick(exercise.title, lang),
    instructions: pick(exercise.instructions, lang),
    prompts: promptViews(exercise, lang),
    answers: draft?.answers ?? {},
    status: (draft?.status ?? "none") as DraftStatus | "none",
    updatedAt: draft?.updated_at ?? null,
    comments: await listComments(db, key),
    exportPath: `/courses/${course.id}/exercises/${exercise.id}/export`,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { exercise, key } = await exerciseContext(request, params);
  const form = await readForm(request);
  const intent = form.get("intent");
  const answers = readDraft(exercise, form);
  const { db } = runtime();
  if (intent === "save") {
    const saved = await saveDraft(db, key, answers);
    if (!saved.ok) return json({ message: "exercise.error.locked" as MessageKey, empty: [] as string[], savedAt: null }, { status: 409 });
    return json({ message: "exercise.saved" as MessageKey, empty: [] as string[], savedAt: saved.updatedAt });
  }
  if (intent === "submit") {
    const result = await submitDraft(db, key, exercise, answers);
    if (result.ok) return json({ message: "exercise.status.submitted" as MessageKey, empty: [] as string[], savedAt: Date.now() });
    if (result.reason === "locked") return json({ message: "exercise.error.locked" as MessageKey, empty: [] as string[], savedAt: null }, { status: 409 });
    return json({ message: "exercise.error.incomplete" as MessageKey, empty: result.empty, savedAt: Date.now() }, { status: 400 });
  }
  return json({ message: "review.error.decision" as MessageKey, empty: [] as string[], savedAt: null }, { status: 400 });
}

export default function ExercisePage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locked = d.status === "submitted" || d.status === "accepted";
  const failed = result && (result.message === "exercise.error.incomplete" || result.message === "exercise.error.locked");
  return (
    <article lang={d.lang} className="exercise-page">
      <p className="breadcrumbs">
        <Link to={`/courses/${d.courseId}`}>{d.courseTitle}</Link>
      </p>
      {d.fallback ? <p className="alert">{t("course.fallback", d.fallback)}</p> : null}
      <p className="meta">{t("exercise.label")}</p>
      <h1>{d.title}</h1>
      <p className="status">{t(`exercise.status.${d.status}`)}</p>
      {result ? (
        <p role={failed ? "alert" : "status"} className={failed ? "alert alert-error" : "alert alert-ok"}>
          {t(result.message, { count: result.empty.length })}
        </p>
      ) : null}
      <CommentList comments={d.comments} />
      {/* Compiled from Markdown and sanitized once at start-up. */}
      <div className="prose" dangerouslySetInnerHTML={{ __html: d.instructions }} />
      {locked ? <p className="alert">{t("exercise.submittedNote")}</p> : null}
      <ExerciseForm prompts={d.prompts} answers={d.answers} locked={locked} empty={result?.empty ?? []} key={locked ? "locked" : "open"} />
      <p>
        <a href={d.exportPath} download>
          {t("exercise.export")}
        </a>
      </p>
    </article>
  );
}
