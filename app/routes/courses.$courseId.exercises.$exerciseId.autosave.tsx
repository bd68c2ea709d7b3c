import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { draftingOr404 } from "~/content/catalog.server";
import { saveOrSubmitDraft } from "~/learning/exercise-pages.server";
import { AutosaveForm } from "~/learning/forms.server";
import { learnerPage } from "~/lib/guards.server";
import { readSubmission } from "~/lib/submission.server";
import { badRequest } from "~/lib/responses";

/**
 * The drafting page's own saves: after a pause in typing, on leaving a field, and as a beacon when
 * the page is left (navigator.sendBeacon, a form-encoded POST with the session cookie, checked for
 * its origin by the server like every other mutation). It only saves; submitting stays a button.
 */
export async function action(args: ActionFunctionArgs) {
  const { rt, user, course } = await learnerPage(args, { course: "courseId", enrolled: true });
  const exercise = draftingOr404(course, args.params.exerciseId);
  const sent = await readSubmission(args.request, AutosaveForm);
  if (!sent.ok) throw badRequest("Unknown action");
  const { status, ...outcome } = await saveOrSubmitDraft(rt.db, user, course, exercise, "save", sent.form);
  return json(outcome, { status, headers: { "Cache-Control": "no-store" } });
}
