import type { LoaderFunctionArgs } from "@remix-run/node";
import { makeT } from "~/i18n";
import { resolveLanguage } from "~/i18n/language.server";
import { MESSAGES } from "~/i18n/messages.server";
import { summaryPdf } from "~/reports/summary-pdf.server";
import { donorSummary } from "~/reports/summary.server";
import { breakdownView, breakdownViews, funnelView, summaryHeading } from "~/reports/summary-view";

/** The donor summary as a PDF in the manager's language, with the page's figures; ?size=letter for US Letter. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const d = await donorSummary(request, params.cohortId);
  const lang = await resolveLanguage(request, d.actor.locale);
  const t = makeT(MESSAGES[lang]);
  const { title, filters } = summaryHeading({ ...d, course: d.course.title }, t, lang);
  const pdf = await summaryPdf(
    {
      title,
      filters,
      funnelHeading: t("report.funnel"),
      funnelHeader: [t("report.stage"), t("report.learners"), t("report.share")],
      funnel: funnelView(d.summary, d.course.modules, t),
      note: t("report.scoreNote"),
      breakdowns: breakdownViews(d.breakdowns, t, lang).map((b) => ({ caption: b.caption, view: breakdownView(b.rows, b.label, t) })),
      pageLabel: (page, pages) => t("report.page", { page, pages }),
    },
    new URL(request.url).searchParams.get("size") === "letter" ? "LETTER" : "A4",
    lang,
  );
  const date = new Date(d.generatedAt).toISOString().slice(0, 10);
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="completion-summary-${d.cohort.id.slice(0, 8)}-${date}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
