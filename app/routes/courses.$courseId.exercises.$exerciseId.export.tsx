import type { LoaderFunctionArgs } from "@remix-run/node";
import { draftingOr404 } from "~/content/catalog.server";
import { pick } from "~/content/localize";
import { requireEnrolledCourse } from "~/learning/context.server";
import { promptViews } from "~/learning/exercise-view.server";
import { getDraft } from "~/learning/exercises.server";
import { draftDocument } from "~/learning/export";
import { runtime } from "~/runtime.server";

/** The learner's own draft as a document to take to their ministry. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, course, lang } = await requireEnrolledCourse(request, params);
  const exercise = draftingOr404(course, params.exerciseId);
  const draft = await getDraft(runtime().db, { userId: user.id, courseId: course.id, exerciseId: exercise.id });
  const html = draftDocument({
    lang,
    title: pick(exercise.title, lang),
    learner: user.name,
    course: pick(course.title, lang),
    date: new Date(draft?.updated_at ?? Date.now()).toISOString().slice(0, 10),
    prompts: promptViews(exercise, lang),
    answers: draft?.answers ?? {},
  });
  return new Response(html, {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exercise.id}.html"`,
      "Cache-Control": "private, no-store",
    },
  });
}
