import type { LoaderFunctionArgs } from "@remix-run/node";
import { json } from "@remix-run/node";
import { issuerDidDocument } from "~/certificates/views.server";
import { publicPage } from "~/lib/guards.server";
import { publicOrigin } from "~/lib/public-url.server";

/** The issuer's did:web document: every key its badges were signed with (decision 026). */
export async function loader(args: LoaderFunctionArgs) {
  const { rt } = await publicPage(args);
  return json(await issuerDidDocument(rt, publicOrigin(rt, args.request)), {
    headers: { "Content-Type": "application/did+json", "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" },
  });
}
