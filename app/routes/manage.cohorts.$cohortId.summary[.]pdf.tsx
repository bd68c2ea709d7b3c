import type { LoaderFunctionArgs } from "@remix-run/node";
import { cohortPage } from "~/lib/guards.server";
import { donorSummaryPdf } from "~/reports/summary.server";

/** The donor summary as a PDF in the manager's language, with the page's figures; ?size=letter for US Letter. */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, cohort, lang, t } = await cohortPage(args);
  const { pdf, filename } = await donorSummaryPdf(rt, user, cohort, new URL(args.request.url), lang, t);
  return new Response(new Uint8Array(pdf), {
    headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="${filename}"`, "Cache-Control": "private, no-store" },
  });
}
