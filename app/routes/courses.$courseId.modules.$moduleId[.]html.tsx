import type { LoaderFunctionArgs } from "@remix-run/node";
import { moduleOr404 } from "~/content/catalog.server";
import { learnerPage } from "~/lib/guards.server";
import { publicOrigin } from "~/lib/public-url.server";
import { moduleFile } from "~/offline/module-file.server";

/**
 * "Download this module": the module's lessons as one self-contained HTML file, to read from a
 * phone's storage or a USB stick (decision 034). For a learner enrolled in the course, and for the
 * staff who look after it (as their preview); anyone else goes to the course page.
 */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, course, text, lang, t } = await learnerPage(args, { course: "courseId", enrolled: "or-preview" });
  const file = moduleFile(course, text, moduleOr404(course, args.params.moduleId), lang, t, publicOrigin(rt, args.request));
  return new Response(file.html, {
    headers: { "Content-Type": "text/html; charset=utf-8", "Content-Disposition": `attachment; filename="${file.filename}"`, "Cache-Control": "private, no-store" },
  });
}
