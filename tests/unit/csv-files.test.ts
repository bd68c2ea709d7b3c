import { describe, expect, it } from "vitest";
import { parseParticipantsCsv } from "../../app/cohorts/csv";
import { decodeTextFile } from "../../app/lib/text-file";
import { makeT } from "../../app/i18n";
import { MESSAGES } from "../../app/i18n/messages.server";

// Real bytes, as each kind of office software writes them.
const utf8 = (s: string) => new Uint8Array(Buffer.from(s, "utf8"));
const bom = (b: Uint8Array) => new Uint8Array([0xef, 0xbb, 0xbf, ...b]);
const utf16le = (s: string, withBom = true) => new Uint8Array([...(withBom ? [0xff, 0xfe] : []), ...Buffer.from(s, "utf16le")]);
const utf16be = (s: string, withBom = true) => {
  const le = Buffer.from(s, "utf16le");
  for (let i = 0; i < le.length; i += 2) [le[i], le[i + 1]] = [le[i + 1]!, le[i]!];
  return new Uint8Array([...(withBom ? [0xfe, 0xff] : []), ...le]);
};
/** Windows-1252 for the Latin-1 range our fixtures use (é, è, ç, ñ, ü are one byte each). */
const cp1252 = (s: string) => new Uint8Array(Buffer.from(s, "latin1"));

const expected = [
  { name: "Aïssatou Ndiaye", email: "aissatou@example.org", country: "SN" },
  { name: "José Muñoz", email: "jose@example.org", country: "CL" },
];
const people = (rows: { name: string; email: string; country: string | null }[]) => rows.map(({ name, email, country }) => ({ name, email, country }));

describe("participants CSV from real offices", () => {
  it("reads a file saved by French Excel as CSV UTF-8: semicolons, a byte-order mark, CRLF, French headers", () => {
    const file = bom(utf8("Nom;Courriel;Pays;Type d’organisation\r\nAïssatou Ndiaye;aissatou@example.org;Sénégal;Ministère des affaires étrangères\r\nJosé Muñoz;jose@example.org;Chili;autre\r\n"));
    const { rows, problems, notices } = parseParticipantsCsv(file);
    expect(problems).toEqual([]);
    expect(notices).toEqual([]);
    expect(people(rows)).toEqual(expected);
    expect(rows.map((r) => r.org_type)).toEqual(["mfa", "other"]);
  });

  it("reads French Excel's plain CSV (Windows-1252, semicolons) and says which encoding it assumed", () => {
    const file = cp1252("Nom;Courriel;Pays\r\nAïssatou Ndiaye;aissatou@example.org;SN\r\nJosé Muñoz;jose@example.org;CL\r\n");
    expect(decodeTextFile(file)).toMatchObject({ ok: true, encoding: "windows-1252" });
    const { rows, problems, notices } = parseParticipantsCsv(file);
    expect(problems).toEqual([]);
    expect(people(rows)).toEqual(expected);
    expect(notices).toEqual([{ key: "csv.notice.windows1252" }]);
  });

  it("reads Excel's Unicode text (UTF-16 little-endian with a mark, tab-separated) and UTF-16 big-endian without one", () => {
    const text = "Nombre\tCorreo electrónico\tPaís\r\nAïssatou Ndiaye\taissatou@example.org\tSenegal\r\nJosé Muñoz\tjose@example.org\tChile\r\n";
    for (const file of [utf16le(text), utf16le(text, false), utf16be(text), utf16be(text, false)]) {
      const { rows, problems, notices } = parseParticipantsCsv(file);
      expect(problems).toEqual([]);
      expect(notices).toEqual([]);
      expect(people(rows)).toEqual(expected);
    }
  });

  it("reads UTF-8 without a mark, comma-separated, with headers and country names in Arabic, Chinese and Russian", () => {
    const files = [
      "الاسم,البريد الإلكتروني,البلد\nAïssatou Ndiaye,aissatou@example.org,السنغال\nJosé Muñoz,jose@example.org,تشيلي\n",
      "姓名,电子邮件,国家\nAïssatou Ndiaye,aissatou@example.org,塞内加尔\nJosé Muñoz,jose@example.org,智利\n",
      "Имя;Электронная почта;Страна\nAïssatou Ndiaye;aissatou@example.org;Сенегал\nJosé Muñoz;jose@example.org;Чили\n",
    ];
    for (const text of files) {
      const { rows, problems } = parseParticipantsCsv(utf8(text));
      expect(problems).toEqual([]);
      expect(people(rows)).toEqual(expected);
    }
  });

  it("keeps a comma inside a quoted cell of a semicolon file", () => {
    const { rows } = parseParticipantsCsv(utf8('nom;courriel;organisation\n"Diallo, Amina";amina@example.org;"CERT-SN, Dakar"\n'));
    expect(rows.map((r) => [r.name, r.organisation])).toEqual([["Diallo, Amina", "CERT-SN, Dakar"]]);
  });

  it("says what an undetectable file is instead of 'not readable'", () => {
    const xlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, ...utf8("[Content_Types].xml")]);
    const ods = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(26).fill(0), ...utf8("mimetypeapplication/vnd.oasis.opendocument.spreadsheet")]);
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    expect(parseParticipantsCsv(xlsx).problems).toEqual([{ line: 1, key: "csv.error.spreadsheet" }]);
    expect(parseParticipantsCsv(xls).problems).toEqual([{ line: 1, key: "csv.error.spreadsheet" }]);
    expect(parseParticipantsCsv(ods).problems).toEqual([{ line: 1, key: "csv.error.opendocument" }]);
    expect(parseParticipantsCsv(png).problems).toEqual([{ line: 1, key: "csv.error.binary" }]);
    // A file in one column with an unknown separator shows its first line, so the manager sees why.
    const piped = parseParticipantsCsv(utf8("name|email\nA|a@example.org\n")).problems[0]!;
    expect(piped).toEqual({ line: 1, key: "csv.error.header", params: { columns: "name, email", found: "“name|email”" } });
    expect(makeT(MESSAGES.en, "en")(piped.key, { line: piped.line, ...piped.params })).toBe(
      "The first line must name the columns; missing: name, email. The first line reads: “name|email”.",
    );
  });
});
