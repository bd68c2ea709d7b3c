import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { ownBadge } from "~/certificates/views.server";
import { learnerPage } from "~/lib/guards.server";
import { publicOrigin } from "~/lib/public-url.server";
import { notFound } from "~/lib/responses";

/** The learner's certificate as an Open Badges 3.0 credential (JSON). A revoked one is gone (410). */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await learnerPage(args);
  const badge = await ownBadge(rt, user.id, args.params.code, publicOrigin(rt, args.request));
  if (!badge) throw notFound();
  if (badge === "revoked") return json({ error: "This certificate was revoked." }, { status: 410 });
  return json(badge.credential, {
    headers: { "Content-Disposition": `attachment; filename="badge-${badge.courseId}.json"`, "Cache-Control": "private, no-store" },
  });
}
