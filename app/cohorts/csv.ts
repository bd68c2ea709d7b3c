import { parse } from "csv-parse/sync";
import { GENDERS, ORG_TYPES, type Gender, type OrgType } from "@db/schema";
import type { MessageKey } from "~/i18n";
import { COUNTRY_CODES } from "~/profile/countries";

export interface ParticipantRow {
  line: number;
  name: string;
  email: string;
  country: string | null;
  organisation: string | null;
  org_type: OrgType | null;
  gender: Gender | null;
}

export interface RowProblem {
  line: number;
  key: MessageKey;
  params?: Record<string, string | number>;
}

export const MAX_ROWS = 5000;

const HEADERS: Record<string, keyof Omit<ParticipantRow, "line">> = {
  name: "name",
  "full name": "name",
  email: "email",
  "e-mail": "email",
  "email address": "email",
  country: "country",
  organisation: "organisation",
  organization: "organisation",
  "organisation type": "org_type",
  "organization type": "org_type",
  organisation_type: "org_type",
  organization_type: "org_type",
  org_type: "org_type",
  gender: "gender",
};

const norm = (s: string) => s.normalize("NFKD").replace(/\p{M}/gu, "").trim().toLowerCase().replace(/\s+/g, " ");

// Countries may be given as ISO codes or English names; types and genders as codes or English labels.
const englishNames = new Intl.DisplayNames(["en"], { type: "region" });
const COUNTRY_BY_KEY = new Map<string, string>();
for (const code of COUNTRY_CODES) {
  COUNTRY_BY_KEY.set(code.toLowerCase(), code);
  COUNTRY_BY_KEY.set(norm(englishNames.of(code) ?? code), code);
}
const ORG_LABELS: Record<string, OrgType> = {
  "ministry of foreign affairs": "mfa",
  "foreign ministry": "mfa",
  "national csirt": "csirt",
  "national cert": "csirt",
  cert: "csirt",
  regulator: "regulator",
  "other ministry": "other_ministry",
  "other ministry or agency": "other_ministry",
  other: "other",
};
const GENDER_LABELS: Record<string, Gender> = {
  woman: "female",
  man: "male",
  f: "female",
  m: "male",
  "prefer not to say": "prefer_not_to_say",
  "another gender": "other",
};
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Reads a participants CSV (header row required; name and email required; country, organisation,
 * organisation type and gender optional) and checks every row. Returns the rows and, separately, every
 * problem with its line number in the file: the caller imports nothing unless there are none.
 */
export function parseParticipantsCsv(text: string): { rows: ParticipantRow[]; problems: RowProblem[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { rows: [], problems: [{ line, key: "csv.error.unreadable" }] };
  }
  if (records.length === 0) return { rows: [], problems: [{ line: 1, key: "csv.error.empty" }] };
  const header = records[0]!.record.map((h) => HEADERS[norm(h)] ?? null);
  const missing = (["name", "email"] as const).filter((c) => !header.includes(c));
  if (missing.length) return { rows: [], problems: [{ line: records[0]!.info.lines, key: "csv.error.header", params: { columns: missing.join(", ") } }] };
  if (records.length - 1 > MAX_ROWS) return { rows: [], problems: [{ line: 1, key: "csv.error.tooMany", params: { max: MAX_ROWS } }] };

  const rows: ParticipantRow[] = [];
  const problems: RowProblem[] = [];
  const seen = new Map<string, number>();
  for (const { record, info } of records.slice(1)) {
    const line = info.lines;
    const cell = (field: keyof Omit<ParticipantRow, "line">) => {
      const i = header.indexOf(field);
      return i >= 0 ? (record[i] ?? "").trim() : "";
    };
    const name = cell("name");
    const email = cell("email").toLowerCase();
    const countryCell = cell("country");
    const orgTypeCell = cell("org_type");
    const genderCell = cell("gender");
    const country = countryCell ? COUNTRY_BY_KEY.get(norm(countryCell)) ?? null : null;
    const orgType = orgTypeCell ? ((ORG_TYPES as readonly string[]).includes(norm(orgTypeCell)) ? (norm(orgTypeCell) as OrgType) : ORG_LABELS[norm(orgTypeCell)] ?? null) : null;
    const genderKey = norm(genderCell).replace(/ /g, "_");
    const gender = genderCell ? ((GENDERS as readonly string[]).includes(genderKey) ? (genderKey as Gender) : GENDER_LABELS[norm(genderCell)] ?? null) : null;

    const before = problems.length;
    if (!name || name.length > 120) problems.push({ line, key: "csv.error.name" });
    if (!EMAIL.test(email) || email.length > 254) problems.push({ line, key: "csv.error.email", params: { value: cell("email") } });
    else if (seen.has(email)) problems.push({ line, key: "csv.error.duplicateEmail", params: { value: email, first: seen.get(email)! } });
    if (countryCell && !country) problems.push({ line, key: "csv.error.country", params: { value: countryCell } });
    if (orgTypeCell && !orgType) problems.push({ line, key: "csv.error.orgType", params: { value: orgTypeCell } });
    if (genderCell && !gender) problems.push({ line, key: "csv.error.gender", params: { value: genderCell } });
    if (cell("organisation").length > 200) problems.push({ line, key: "csv.error.organisation" });
    if (!seen.has(email)) seen.set(email, line);
    if (problems.length === before)
      rows.push({ line, name, email, country, organisation: cell("organisation") || null, org_type: orgType, gender });
  }
  return { rows, problems };
}
