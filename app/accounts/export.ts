// A learner's own data, as the download on the profile gives it (issue 13, decision 022): pure
// shaping of rows already read, shared by the JSON and the CSV so both say the same.
import { BOM, csvLine } from "~/reports/format";

/** The kinds of record an export holds, in the order the files list them. */
export const EXPORT_SECTIONS = [
  "profile",
  "enrolments",
  "lesson_progress",
  "module_progress",
  "quiz_attempts",
  "quiz_answers",
  "exercise_drafts",
  "exercise_comments",
  "scenario_runs",
  "certificates",
  "cohort_places",
  "sessions",
] as const;
export type ExportSection = (typeof EXPORT_SECTIONS)[number];

export type ExportValue = string | number | boolean | null | ExportValue[] | { [k: string]: ExportValue };
export type ExportRow = Record<string, ExportValue>;

export interface PersonalData {
  format: "personal-data/1";
  exported_at: string;
  sections: Record<ExportSection, ExportRow[]>;
}

/** Columns holding JSON text in the database: in the export they are values, not strings to decode. */
const JSON_COLUMNS = new Set(["layout", "response", "answers", "path", "course_title"]);
/** Columns that are times in epoch milliseconds: in the export, ISO 8601 (UTC). */
const isTime = (column: string) => column.endsWith("_at");
/** Columns that are 0/1 in the database. */
const BOOLEAN_COLUMNS = new Set(["passed", "correct"]);

/** One database row as the export shows it: times in ISO 8601, JSON decoded, 0/1 as booleans. */
export function exportRow(row: Record<string, unknown>): ExportRow {
  const out: ExportRow = {};
  for (const [k, v] of Object.entries(row)) {
    if (v === null || v === undefined) out[k] = null;
    else if (isTime(k) && (typeof v === "number" || typeof v === "bigint")) out[k] = new Date(Number(v)).toISOString();
    else if (BOOLEAN_COLUMNS.has(k) && (typeof v === "number" || typeof v === "bigint")) out[k] = Number(v) === 1;
    else if (JSON_COLUMNS.has(k) && typeof v === "string") out[k] = parseOr(v);
    else if (typeof v === "bigint") out[k] = Number(v);
    else out[k] = v as ExportValue;
  }
  return out;
}

function parseOr(text: string): ExportValue {
  try {
    return JSON.parse(text) as ExportValue;
  } catch {
    return text;
  }
}

export const EXPORT_CSV_COLUMNS = ["section", "record", "field", "value"] as const;

/**
 * The same data as one CSV table: a line per field of each record (section, record number within the
 * section, field, value), so records of every shape fit one well-formed file. Structured values are
 * written as JSON; every cell is guarded against formulas like the reports' exports.
 */
export function personalDataCsv(data: PersonalData): string {
  let out = BOM + csvLine([...EXPORT_CSV_COLUMNS]);
  out += csvLine(["export", 1, "exported_at", data.exported_at]);
  for (const section of EXPORT_SECTIONS) {
    data.sections[section].forEach((row, i) => {
      for (const [field, value] of Object.entries(row)) out += csvLine([section, i + 1, field, cell(value)]);
    });
  }
  return out;
}

const cell = (v: ExportValue): string | number | null => (v === null ? null : typeof v === "object" ? JSON.stringify(v) : typeof v === "boolean" ? String(v) : v);
