import type { LoaderFunctionArgs } from "@remix-run/node";
import { statusListToken } from "~/certificates/views.server";
import { publicPage } from "~/lib/guards.server";
import { publicOrigin } from "~/lib/public-url.server";
import { notFound } from "~/lib/responses";

/** A signed Bitstring Status List credential (VC-JWT): bit n set means the badge at index n is revoked (decision 027). */
export async function loader(args: LoaderFunctionArgs) {
  const { rt } = await publicPage(args);
  const list = /^\d{1,6}$/.test(args.params.list ?? "") ? Number(args.params.list) : 0;
  const token = await statusListToken(rt, publicOrigin(rt, args.request), list);
  if (!token) throw notFound();
  // Short caching: a revocation must reach verifiers soon.
  return new Response(token, { headers: { "Content-Type": "application/vc+jwt", "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } });
}
