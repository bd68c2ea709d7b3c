import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ownBadge } from "~/certificates/views.server";
import { learnerPage } from "~/lib/guards.server";
import { publicOrigin } from "~/lib/public-url.server";
import { notFound } from "~/lib/responses";

/** The learner's certificate as a signed Open Badges 3.0 credential (VC-JWT). A revoked one is gone (410). */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await learnerPage(args);
  const badge = await ownBadge(rt, user.id, args.params.code, publicOrigin(rt, args.request));
  if (!badge) throw notFound();
  if (badge === "revoked") return json({ error: "This certificate was revoked." }, { status: 410 });
  return new Response(badge.jwt, {
    headers: {
      "Content-Type": "application/vc+jwt",
      "Content-Disposition": `attachment; filename="badge-${badge.courseId}.jwt"`,
      "Cache-Control": "private, no-store",
    },
  });
}
