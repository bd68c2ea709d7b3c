import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { learnerPage } from "~/lib/guards.server";
import { offlineManifest } from "~/offline/manifest.server";

/**
 * What the offline reader keeps for the signed-in learner: the reading pages of their own courses
 * (decision 034). The service worker asks for it; signed out, the guard's redirect tells it so.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, lang, can } = await learnerPage(args);
  return json(await offlineManifest(rt.db, rt.catalog, user, can("course.viewDraft"), lang), { headers: { "Cache-Control": "no-store" } });
}
