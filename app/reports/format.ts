import { shareOfListed, type BreakdownRow, type Funnel, type FunnelStage, type LearnerRow } from "./completion";
import { formatDate, intlLocale } from "~/i18n";

// One formatting for the screen and the exports, so the same filters give the same text in both.
const DAY = 86_400_000;
const isoDays = new Map<number, string>();
/** A UTC date as YYYY-MM-DD. Remembered per day: an export writes two for each of 100,000 learners, over a few hundred days. */
export function fmtDate(ms: number | null): string {
  if (ms === null) return "";
  const day = Math.floor(ms / DAY);
  let s = isoDays.get(day);
  if (s === undefined) {
    s = formatDate(day * DAY, "en", "iso");
    if (isoDays.size < 50_000) isoDays.set(day, s);
  }
  return s;
}
export const fmtNumber = (n: number | null, decimal: CsvDialect["decimal"] = ".") => (n === null ? "" : n.toFixed(1).replace(".", decimal));

/**
 * How a CSV file is written. The standard one (RFC 4180: comma, decimal point) is what tools read;
 * Excel opens a double-clicked CSV with the list separator of the computer's locale, which is a
 * semicolon wherever decimals are written with a comma (French, Spanish, Russian…), so for those
 * managers there is a second file with semicolons and decimal commas (decision 037).
 */
export interface CsvDialect {
  separator: "," | ";";
  decimal: "." | ",";
}
export const STANDARD_CSV: CsvDialect = { separator: ",", decimal: "." };
const SEMICOLON_CSV: CsvDialect = { separator: ";", decimal: "," };

const dialects = new Map<string, CsvDialect>();

/** The dialect Excel expects in the interface language's locale (asked of Intl once per language). */
export function excelDialect(lang: string): CsvDialect {
  let d = dialects.get(lang);
  if (!d) {
    const decimal = new Intl.NumberFormat(intlLocale(lang)).formatToParts(1.5).find((p) => p.type === "decimal")?.value;
    dialects.set(lang, (d = decimal === "," ? SEMICOLON_CSV : STANDARD_CSV));
  }
  return d;
}

/** `?format=excel` asks for the reader's Excel dialect; anything else gets the standard file. */
export function requestedDialect(url: URL, lang: string): CsvDialect {
  return url.searchParams.get("format") === "excel" ? excelDialect(lang) : STANDARD_CSV;
}

/** A safe file name for an export; the semicolon file says it is for Excel. */
export function csvFilename(stem: string, d: CsvDialect = STANDARD_CSV): string {
  return stem.replace(/[^\w.-]+/g, "_") + (d.separator === ";" ? "-excel" : "") + ".csv";
}

/** A byte-order mark first, so spreadsheet programs read names' accents and scripts as UTF-8. */
export const BOM = "\uFEFF";

/**
 * CSV field: quoted when needed; a leading = + - @ (or their full-width forms, which spreadsheets
 * in East Asian locales also read as formulas) is neutralised so spreadsheets do not run it.
 */
export function csvField(v: string | number | null, d: CsvDialect = STANDARD_CSV): string {
  let s = v === null ? "" : typeof v === "number" ? String(v).replace(".", d.decimal) : v;
  if (/^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(s)) s = `'${s}`;
  return s.includes(d.separator) || /["\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}
export const csvLine = (fields: (string | number | null)[], d: CsvDialect = STANDARD_CSV) => fields.map((f) => csvField(f, d)).join(d.separator) + "\r\n";

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

export function learnerFields(r: LearnerRow, d: CsvDialect = STANDARD_CSV): (string | number | null)[] {
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
    fmtNumber(r.averageScore, d.decimal),
    r.attempts,
    fmtDate(r.firstActivity),
    fmtDate(r.lastActivity),
    r.daysToComplete ?? "",
  ];
}

export const BREAKDOWN_COLUMNS = ["value", "listed", "enrolled", "started", "completed", "completion_rate_percent", "average_score"] as const;

export function breakdownFields(b: BreakdownRow, d: CsvDialect = STANDARD_CSV): (string | number | null)[] {
  return [b.value ?? "not given", b.listed, b.enrolled, b.started, b.completed, fmtNumber(b.completionRate, d.decimal), fmtNumber(b.averageScore, d.decimal)];
}

export const FUNNEL_COLUMNS = ["stage", "module_id", "learners", "share_of_listed_percent"] as const;

export function funnelFields(s: FunnelStage, f: Funnel, d: CsvDialect = STANDARD_CSV): (string | number | null)[] {
  return [s.stage, s.stage === "module" ? s.moduleId : "", s.value, fmtNumber(shareOfListed(s.value, f), d.decimal)];
}
