import { shareOfListed, type BreakdownRow, type Funnel, type FunnelStage, type LearnerRow } from "./completion";
import { formatDate } from "~/i18n";

// One formatting for the screen and the exports, so the same filters give the same text in both.
export const fmtDate = (ms: number | null) => (ms === null ? "" : formatDate(ms, "en", "iso"));
export const fmtNumber = (n: number | null) => (n === null ? "" : n.toFixed(1));

/**
 * CSV field: quoted when needed; a leading = + - @ (or their full-width forms, which spreadsheets
 * in East Asian locales also read as formulas) is neutralised so spreadsheets do not run it.
 */
export function csvField(v: string | number | null): string {
  let s = v === null ? "" : String(v);
  if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export const csvLine = (fields: (string | number | null)[]) => fields.map(csvField).join(",") + "\r\n";

export const LEARNER_COLUMNS = [
  "name",
  "email",
  "country",
  "organisation_type",
  "gender",
  "status",
  "certified",
  "modules_completed",
  "progress_percent",
  "average_score",
  "attempts",
  "first_activity",
  "last_activity",
  "days_to_complete",
] as const;

export function learnerFields(r: LearnerRow): (string | number | null)[] {
  return [
    r.name,
    r.email,
    r.country ?? "",
    r.orgType ?? "",
    r.gender ?? "",
    r.status,
    r.certified ? "yes" : "no",
    r.modulesCompleted,
    r.progress,
    fmtNumber(r.averageScore),
    r.attempts,
    fmtDate(r.firstActivity),
    fmtDate(r.lastActivity),
    r.daysToComplete ?? "",
  ];
}

export const BREAKDOWN_COLUMNS = ["value", "listed", "enrolled", "started", "completed", "completion_rate_percent", "average_score"] as const;

export function breakdownFields(b: BreakdownRow): (string | number | null)[] {
  return [b.value ?? "not given", b.listed, b.enrolled, b.started, b.completed, fmtNumber(b.completionRate), fmtNumber(b.averageScore)];
}

export const FUNNEL_COLUMNS = ["stage", "module_id", "learners", "share_of_listed_percent"] as const;

export function funnelFields(s: FunnelStage, f: Funnel): (string | number | null)[] {
  return [s.stage, s.stage === "module" ? s.moduleId : "", s.value, fmtNumber(shareOfListed(s.value, f))];
}
