import type { LoaderFunctionArgs } from "@remix-run/node";
import { draftingOr404 } from "~/content/catalog.server";
import { draftExport } from "~/learning/exercise-pages.server";
import { learnerPage } from "~/lib/guards.server";

/** The learner's own draft as a document to take to their ministry. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, course, text } = await learnerPage(args, { course: "courseId", enrolled: true });
  const exercise = draftingOr404(course, args.params.exerciseId);
  return new Response(await draftExport(rt.db, user, course, text, exercise), {
    headers: {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Disposition": `attachment; filename="${exercise.id}.html"`,
      "Cache-Control": "private, no-store",
    },
  });
}
