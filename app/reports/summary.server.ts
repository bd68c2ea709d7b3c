import type { Actor, ManagedCohort } from "~/cohorts/cohorts.server";
import { courseLanguage, pick } from "~/content/localize";
import { formatDate, type T } from "~/i18n";
import { pdfLanguage } from "~/lib/pdf-fonts.server";
import type { Runtime } from "~/runtime.server";
import { filterParams, reportContext } from "./filters.server";
import { completionReport } from "./report.server";
import { summaryPdf } from "./summary-pdf.server";
import { breakdownView, breakdownViews, funnelView, summaryHeading } from "./summary-view";

/**
 * What the donor summary shows, for the page and its PDF alike: the report's funnel, scores and
 * breakdowns for the filters in the URL.
 */
export async function donorSummary(rt: Runtime, actor: Actor, cohort: ManagedCohort, url: URL, ui: string) {
  const { course, query, filter } = await reportContext(rt, actor, cohort, url);
  const { lang } = courseLanguage(course, ui);
  const { summary, breakdowns } = await completionReport(rt.db, course, filter, "name", "asc", 1);
  return {
    cohort: { id: cohort.id, name: cohort.name, programme: cohort.programme },
    course: { title: pick(course.title, lang), modules: course.modules.map((m) => ({ id: m.id, title: pick(m.title, lang) })) },
    query,
    params: filterParams(query, course.id).toString(),
    summary,
    breakdowns,
    generatedAt: Date.now(),
  };
}

/** The donor summary as a PDF in `lang`, with the page's very figures, and the file name to give it. */
export async function donorSummaryPdf(rt: Runtime, actor: Actor, cohort: ManagedCohort, url: URL, uiLang: string, uiT: T) {
  const { lang, t } = pdfLanguage(uiLang, uiT, "summary");
  const d = await donorSummary(rt, actor, cohort, url, lang);
  const { title, programme, filters } = summaryHeading({ ...d, course: d.course.title }, t, lang);
  const pdf = await summaryPdf(
    {
      title,
      programme,
      filters,
      funnelHeading: t("report.funnel"),
      funnelHeader: [t("report.stage"), t("report.learners"), t("report.share")],
      funnel: funnelView(d.summary, d.course.modules, t),
      notes: [t("report.scoreNote"), t("report.denominators")],
      chartCaption: (group: string) => t("report.chartCompleted", { group: group.toLocaleLowerCase() }),
      breakdowns: breakdownViews(d.breakdowns, t, lang).map((b) => ({ caption: b.caption, view: breakdownView(b.rows, b.label, t) })),
      pageLabel: (page, pages) => t("report.page", { page, pages }),
    },
    url.searchParams.get("size") === "letter" ? "LETTER" : "A4",
    lang,
  );
  const date = formatDate(d.generatedAt, lang, "iso");
  return { pdf, filename: `completion-summary-${d.cohort.id.slice(0, 8)}-${date}.pdf` };
}
