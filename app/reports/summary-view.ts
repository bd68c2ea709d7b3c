import { formatDate, type MessageKey, type T } from "~/i18n";
import { countryName } from "~/profile/countries";
import { funnelStages, shareOfListed, type BreakdownRow, type FunnelStage, type StatusFilter, type Summary } from "./completion";
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
  const label = (s: FunnelStage) =>
    s.stage === "module" ? t("report.stage.module", { title: modules.find((x) => x.id === s.moduleId)?.title ?? s.moduleId }) : t(`report.stage.${s.stage}`);
  const stages = funnelStages(f).map((s) => {
    const share = shareOfListed(s.value, f);
    return { label: label(s), value: s.value, share: share === null ? none : `${fmtNumber(share)}%` };
  });
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
  query: { scope: "cohort" | "programme"; country?: string | null; orgType?: string | null; gender?: string | null; status?: StatusFilter | null; from?: string | null; to?: string | null };
  generatedAt: number;
}

/** A profile group's name as the breakdowns show it: "not_given" (the filter's value for empty) reads "Not given". */
const groupName = (t: T, prefix: "orgType" | "gender", v: string) => (v === "not_given" ? t("report.notGiven") : t(`${prefix}.${v}` as MessageKey));

/** The summary's title, the programme it reports to (donors read it first), and the line that says which figures it shows. */
export function summaryHeading(s: SummaryScope, t: T, lang: string): { title: string; programme: string; filters: string } {
  const any = t("report.any");
  const programme = s.query.scope === "programme";
  const q = s.query;
  return {
    title: t("report.summaryTitle", { cohort: programme ? s.cohort.programme : s.cohort.name }),
    programme: t("report.programmeLine", { programme: s.cohort.programme }),
    filters: t("report.summaryFilters", {
      course: s.course,
      scope: programme ? t("report.scope.programme", { programme: s.cohort.programme }) : t("report.scope.cohort"),
      country: q.country ? countryName(q.country, lang) : any,
      orgType: q.orgType ? groupName(t, "orgType", q.orgType) : any,
      gender: q.gender ? groupName(t, "gender", q.gender) : any,
      status: q.status ? t(`report.status.${q.status}`) : any,
      from: q.from ?? any,
      to: q.to ?? any,
      date: formatDate(s.generatedAt, lang, "long"),
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
