import type { LoaderFunctionArgs } from "@remix-run/node";
import { badgeImage } from "~/certificates/views.server";
import { publicCoursePage } from "~/lib/guards.server";

/** The course's badge image, which every Open Badge of the course shows. */
export async function loader(args: LoaderFunctionArgs) {
  const { course } = await publicCoursePage(args, "courseId");
  return new Response(badgeImage(course), {
    headers: { "Content-Type": "image/svg+xml; charset=utf-8", "Cache-Control": "public, max-age=3600", "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'" },
  });
}
