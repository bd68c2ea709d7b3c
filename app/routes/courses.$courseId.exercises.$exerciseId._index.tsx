import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { draftingOr404 } from "~/content/catalog.server";
import { ExerciseForm } from "~/components/exercise-form";
import { CommentList } from "~/components/comment-list";
import { contentLang, pageTitle, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n";
import { draftView, saveOrSubmitDraft } from "~/learning/exercise-pages.server";
import { DraftForm } from "~/learning/forms.server";
import { learnerPage } from "~/lib/guards.server";
import { readSubmission } from "~/lib/submission.server";
import { CourseTrail } from "~/components/course-trail";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.title) }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, course, text } = await learnerPage(args, { course: "courseId", enrolled: true });
  return json(await draftView(rt.db, user, course, text, draftingOr404(course, args.params.exerciseId)));
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user, course } = await learnerPage(args, { course: "courseId", enrolled: true });
  const exercise = draftingOr404(course, args.params.exerciseId);
  const sent = await readSubmission(args.request, DraftForm);
  if (!sent.ok) return json({ message: "review.error.decision" as MessageKey, empty: [] as string[], savedAt: null as number | null }, { status: 400 });
  const { status, ...outcome } = await saveOrSubmitDraft(rt.db, user, course, exercise, sent.data.intent, sent.form);
  return json(outcome, { status });
}

export default function ExercisePage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const locked = d.status === "submitted" || d.status === "accepted";
  const failed = result && (result.message === "exercise.error.incomplete" || result.message === "exercise.error.locked");
  return (
    <article {...contentLang(d.lang)} className="exercise-page">
      <CourseTrail courseId={d.courseId} courseTitle={d.courseTitle} fallback={d.fallback} unreviewed={d.unreviewed} />
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
      {d.status === "submitted" ? <p className="alert">{t("exercise.submittedNote")}</p> : null}
      {d.status === "accepted" ? <p className="alert alert-ok">{t("exercise.acceptedNote")}</p> : null}
      <ExerciseForm prompts={d.prompts} answers={d.answers} locked={locked} empty={result?.empty ?? []} saveTo={d.autosavePath} key={locked ? "locked" : "open"} />
      <p>
        <a href={d.exportPath} download>
          {t("exercise.export")}
        </a>
      </p>
    </article>
  );
}
