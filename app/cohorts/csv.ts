import { parse } from "csv-parse/sync";
import { GENDERS, ORG_TYPES, type Gender, type OrgType } from "@db/schema";
import type { MessageKey } from "~/i18n";
import { decodeTextFile } from "~/lib/text-file";
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

type Field = keyof Omit<ParticipantRow, "line">;

/**
 * Column names as offices write them, in the six UN languages (compared without accents, case or
 * curly apostrophes, so "Pays", "país" and "PAIS" all match).
 */
const HEADER_NAMES: Record<Field, string[]> = {
  name: ["name", "full name", "nom", "nom complet", "prenom et nom", "nombre", "nombre completo", "nombre y apellidos", "الاسم", "الاسم الكامل", "姓名", "名字", "имя", "фио", "полное имя", "имя и фамилия"],
  email: ["email", "e-mail", "email address", "e-mail address", "mail", "courriel", "adresse electronique", "adresse e-mail", "adresse email", "correo", "correo electronico", "correo-e", "البريد الالكتروني", "البريد", "电子邮件", "电子邮箱", "邮箱", "电邮", "электронная почта", "эл. почта", "почта"],
  country: ["country", "pays", "pais", "البلد", "الدولة", "国家", "国家/地区", "страна"],
  organisation: ["organisation", "organization", "organisme", "organizacion", "institucion", "المنظمة", "الجهة", "组织", "机构", "单位", "организация", "ведомство"],
  org_type: ["organisation type", "organization type", "organisation_type", "organization_type", "org_type", "type d'organisation", "type d'organisme", "tipo de organizacion", "tipo de institucion", "نوع المنظمة", "نوع الجهة", "组织类型", "机构类型", "тип организации"],
  gender: ["gender", "genre", "sexe", "genero", "sexo", "الجنس", "النوع الاجتماعي", "性别", "пол", "гендер"],
};

const norm = (s: string) =>
  s.normalize("NFKD").replace(/\p{M}/gu, "").replace(/[’‘`´]/g, "'").trim().toLowerCase().replace(/\s+/g, " ");

const HEADERS = new Map<string, Field>();
for (const [field, names] of Object.entries(HEADER_NAMES) as [Field, string[]][]) for (const n of names) HEADERS.set(norm(n), field);

// Countries may be given as ISO codes or their names in any UN language; types and genders as codes or labels.
const UN_LANGUAGES = ["en", "fr", "es", "ar", "zh", "ru"];
const COUNTRY_BY_KEY = new Map<string, string>();
for (const lang of UN_LANGUAGES) {
  const names = new Intl.DisplayNames([lang], { type: "region" });
  for (const code of COUNTRY_CODES) COUNTRY_BY_KEY.set(norm(names.of(code) ?? code), code);
}
for (const code of COUNTRY_CODES) COUNTRY_BY_KEY.set(code.toLowerCase(), code);
const ORG_LABELS = labels<OrgType>({
  mfa: ["ministry of foreign affairs", "foreign ministry", "ministere des affaires etrangeres", "ministerio de relaciones exteriores", "ministerio de asuntos exteriores", "وزارة الخارجية", "外交部", "министерство иностранных дел", "мид"],
  csirt: ["national csirt", "national cert", "cert", "csirt", "csirt national", "cert national", "csirt nacional", "cert nacional"],
  regulator: ["regulator", "regulateur", "regulador", "регулятор"],
  other_ministry: ["other ministry", "other ministry or agency", "autre ministere", "otro ministerio"],
  other: ["other", "autre", "otro", "otra", "أخرى", "其他", "другое"],
});
const GENDER_LABELS = labels<Gender>({
  female: ["woman", "f", "femme", "mujer", "femenino", "feminin", "أنثى", "女", "женщина", "женский", "ж"],
  male: ["man", "m", "homme", "h", "hombre", "masculino", "masculin", "ذكر", "男", "мужчина", "мужской"],
  prefer_not_to_say: ["prefer not to say", "prefere ne pas le dire", "prefiero no decirlo"],
  other: ["another gender", "autre", "otro"],
});

function labels<T extends string>(byValue: Record<T, string[]>): Map<string, T> {
  const map = new Map<string, T>();
  for (const [value, names] of Object.entries(byValue) as [T, string[]][]) for (const n of names) map.set(norm(n), value);
  return map;
}
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface CsvNotice {
  key: MessageKey;
  params?: Record<string, string | number>;
}

const DELIMITERS = [",", ";", "\t"] as const;
type Delimiter = (typeof DELIMITERS)[number];

type Records = { record: string[]; info: { lines: number } }[];

const parseWith = (text: string, delimiter: Delimiter, toLine?: number): Records =>
  parse(text, { bom: true, trim: true, skip_empty_lines: true, relax_column_count: true, info: true, delimiter, to_line: toLine });

/**
 * The separator is the one whose first line names the most known columns: comma (English Excel and
 * most tools), semicolon (Excel where the decimal mark is a comma: French, Spanish, Russian…) or tab.
 */
function detectDelimiter(text: string): { delimiter: Delimiter; header: string[] } {
  let best: { delimiter: Delimiter; header: string[]; known: number } | null = null;
  for (const delimiter of DELIMITERS) {
    let header: string[];
    try {
      header = parseWith(text, delimiter, 1)[0]?.record ?? [];
    } catch {
      continue;
    }
    const known = new Set(header.map((h) => HEADERS.get(norm(h))).filter(Boolean)).size;
    if (!best || known > best.known || (known === best.known && header.length > best.header.length)) best = { delimiter, header, known };
  }
  return best ?? { delimiter: ",", header: [] };
}

const FOUND_KEYS = { spreadsheet: "csv.error.spreadsheet", opendocument: "csv.error.opendocument", binary: "csv.error.binary" } as const;

/**
 * Reads a participants CSV (header row required; name and email required; country, organisation,
 * organisation type and gender optional) and checks every row. Takes the uploaded bytes as they are:
 * the encoding and separator are detected (app/lib/text-file.ts). Returns the rows and, separately,
 * every problem with its line number in the file: the caller imports nothing unless there are none.
 * Notices say what was assumed (a file not in UTF-8) without refusing it.
 */
export function parseParticipantsCsv(input: string | Uint8Array): { rows: ParticipantRow[]; problems: RowProblem[]; notices: CsvNotice[] } {
  const notices: CsvNotice[] = [];
  const fail = (problem: RowProblem) => ({ rows: [], problems: [problem], notices });
  let text: string;
  if (typeof input === "string") text = input;
  else {
    const decoded = decodeTextFile(input);
    if (!decoded.ok) return fail({ line: 1, key: FOUND_KEYS[decoded.found] });
    if (decoded.encoding === "windows-1252") notices.push({ key: "csv.notice.windows1252" });
    text = decoded.text;
  }
  if (text.trim() === "") return fail({ line: 1, key: "csv.error.empty" });

  const { delimiter, header: firstLine } = detectDelimiter(text);
  let records: Records;
  try {
    records = parseWith(text, delimiter);
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return fail({ line, key: "csv.error.unreadable" });
  }
  if (records.length === 0) return fail({ line: 1, key: "csv.error.empty" });
  const header = records[0]!.record.map((h) => HEADERS.get(norm(h)) ?? null);
  const missing = (["name", "email"] as const).filter((c) => !header.includes(c));
  if (missing.length)
    return fail({
      line: records[0]!.info.lines,
      key: "csv.error.header",
      params: { columns: missing.join(", "), found: firstLine.map((h) => `“${h.slice(0, 40)}”`).join(", ").slice(0, 300) },
    });
  if (records.length - 1 > MAX_ROWS) return fail({ line: 1, key: "csv.error.tooMany", params: { max: MAX_ROWS } });

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
    const orgType = orgTypeCell ? ((ORG_TYPES as readonly string[]).includes(norm(orgTypeCell)) ? (norm(orgTypeCell) as OrgType) : ORG_LABELS.get(norm(orgTypeCell)) ?? null) : null;
    const genderKey = norm(genderCell).replace(/ /g, "_");
    const gender = genderCell ? ((GENDERS as readonly string[]).includes(genderKey) ? (genderKey as Gender) : GENDER_LABELS.get(norm(genderCell)) ?? null) : null;

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
  return { rows, problems, notices };
}
