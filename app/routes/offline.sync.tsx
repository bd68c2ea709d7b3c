import type { ActionFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { learnerPage } from "~/lib/guards.server";
import { badRequest } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";
import { SyncForm } from "~/offline/forms.server";
import { syncLessonsRead } from "~/offline/sync.server";

/**
 * The offline reader sends here the lessons marked read without a connection (decision 034). A queue
 * saved for another person than the one signed in now is refused whole (409), and waits for its owner.
 */
export async function action(args: ActionFunctionArgs) {
  const { rt, user, can } = await learnerPage(args);
  const form = await readSubmission(args.request, SyncForm);
  if (!form.ok) throw badRequest("Unknown action");
  const result = await syncLessonsRead(rt.db, rt.catalog, user, can("course.viewDraft"), form.data);
  const headers = { "Cache-Control": "no-store" };
  return result.ok ? json(result, { headers }) : json({ error: "another-account" }, { status: 409, headers });
}
