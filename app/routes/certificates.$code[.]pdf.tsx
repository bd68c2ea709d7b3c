import type { LoaderFunctionArgs } from "@remix-run/node";
import { ownCertificatePdf } from "~/certificates/views.server";
import { learnerPage } from "~/lib/guards.server";
import { publicOrigin } from "~/lib/public-url.server";
import { notFound } from "~/lib/responses";

/** The learner's certificate as a PDF, in their interface language; ?size=letter for US Letter. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, lang, t } = await learnerPage(args);
  const url = new URL(args.request.url);
  const size = url.searchParams.get("size") === "letter" ? "LETTER" : "A4";
  const found = await ownCertificatePdf(rt, user.id, args.params.code, lang, t, publicOrigin(rt, args.request), size);
  if (!found) throw notFound();
  return new Response(new Uint8Array(found.pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="certificate-${found.courseId}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
