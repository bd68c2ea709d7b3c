import { formatDate, type MessageKey, type T } from "~/i18n";
import { countryName } from "~/profile/countries";
import type { BreakdownRow, Summary } from "./completion";
import { fmtNumber } from "./format";

// The text of the summary's figures, built once for the web page and the PDF, so both always say
// the same thing for the same filters.

export interface FunnelView {
  stages: { label: string; value: number; share: string }[];
  stats: string[];
}

export function funnelView(summary: Summary, modules: { id: string; title: string }[], t: T): FunnelView {
  const f = summary.funnel;
  const none = t("report.none");
  const share = (n: number) => (f.listed ? `${fmtNumber((n / f.listed) * 100)}%` : none);
  const stages = [
    { label: t("report.stage.listed"), value: f.listed },
    { label: t("report.stage.enrolled"), value: f.enrolled },
    { label: t("report.stage.started"), value: f.started },
    ...f.modules.map((m) => ({ label: t("report.stage.module", { title: modules.find((x) => x.id === m.id)?.title ?? m.id }), value: m.completed })),
    { label: t("report.stage.completed"), value: f.completed },
  ].map((s) => ({ ...s, share: share(s.value) }));
  const or = (n: number | null) => (n === null ? none : fmtNumber(n));
  return {
    stages,
    stats: [
      t("report.averageScore", { value: or(summary.averageScore) }),
      t("report.medianScore", { value: or(summary.medianScore) }),
      t("report.medianDays", { value: or(summary.medianDaysToComplete) }),
    ],
  };
}

export interface BreakdownView {
  header: string[];
  /** per group: its name, then the figures as shown */
  rows: { name: string; completed: number; cells: string[] }[];
}

export function breakdownView(rows: BreakdownRow[], label: (value: string) => string, t: T): BreakdownView {
  const none = t("report.none");
  return {
    header: [
      t("report.value"),
      t("report.listed"),
      t("report.enrolled"),
      t("report.started"),
      t("report.completed"),
      t("report.completionRate"),
      t("report.col.averageScore"),
    ],
    rows: rows.map((b) => ({
      name: b.value === null ? t("report.notGiven") : label(b.value),
      completed: b.completed,
      cells: [
        String(b.listed),
        String(b.enrolled),
        String(b.started),
        String(b.completed),
        b.completionRate === null ? none : `${fmtNumber(b.completionRate)}%`,
        b.averageScore === null ? none : fmtNumber(b.averageScore),
      ],
    })),
  };
}

export interface SummaryScope {
  cohort: { name: string; programme: string };
  course: string;
  query: { scope: "cohort" | "programme"; country?: string | null; from?: string | null; to?: string | null };
  generatedAt: number;
}

/** The summary's title and the line that says which figures it shows. */
export function summaryHeading(s: SummaryScope, t: T, lang: string): { title: string; filters: string } {
  const any = t("report.any");
  const programme = s.query.scope === "programme";
  return {
    title: t("report.summaryTitle", { cohort: programme ? s.cohort.programme : s.cohort.name }),
    filters: t("report.summaryFilters", {
      course: s.course,
      scope: programme ? t("report.scope.programme", { programme: s.cohort.programme }) : t("report.scope.cohort"),
      country: s.query.country ? countryName(s.query.country, lang) : any,
      from: s.query.from ?? any,
      to: s.query.to ?? any,
      date: formatDate(s.generatedAt, "en", "iso"),
    }),
  };
}

/** The three breakdowns in the order the page shows them, with each group's name in the reader's language. */
export function breakdownViews(b: { country: BreakdownRow[]; orgType: BreakdownRow[]; gender: BreakdownRow[] }, t: T, lang: string) {
  return [
    { caption: t("report.byCountry"), rows: b.country, label: (v: string) => countryName(v, lang) },
    { caption: t("report.byOrgType"), rows: b.orgType, label: (v: string) => t(`orgType.${v}` as MessageKey) },
    { caption: t("report.byGender"), rows: b.gender, label: (v: string) => t(`gender.${v}` as MessageKey) },
  ];
}
