import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { achievementEdition } from "~/certificates/views.server";
import { publicCoursePage } from "~/lib/guards.server";
import { publicOrigin } from "~/lib/public-url.server";

/** The course's Open Badges achievement in one of its languages (`?lang=`): the editions a badge lists as related. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, course } = await publicCoursePage(args, "courseId");
  const lang = new URL(args.request.url).searchParams.get("lang");
  return json(achievementEdition(course, lang, publicOrigin(rt, args.request)), { headers: { "Cache-Control": "public, max-age=3600", "Access-Control-Allow-Origin": "*" } });
}
