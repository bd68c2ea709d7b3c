import { csvFilename, csvLine, excelDialect } from "../../app/reports/format";
import { describe, expect, it } from "vitest";
import { parseParticipantsCsv } from "../../app/cohorts/csv";

describe("participants CSV", () => {
  it("reads rows with flexible headers, ISO codes or English names, labels or codes", () => {
    const csv = [
      "Full name,E-mail,Country,Organization,Organisation type,Gender",
      "Amina Diallo,AMINA@example.org,SN,Ministère des Affaires étrangères,mfa,female",
      'Kofi Mensah,kofi@example.org,Ghana,"CERT-GH, Accra",National CSIRT,',
      "Lea Ruiz,lea@example.org,,,,prefer not to say",
    ].join("\n");
    const { rows, problems } = parseParticipantsCsv(csv);
    expect(problems).toEqual([]);
    expect(rows).toEqual([
      { line: 2, name: "Amina Diallo", email: "amina@example.org", country: "SN", organisation: "Ministère des Affaires étrangères", org_type: "mfa", gender: "female" },
      { line: 3, name: "Kofi Mensah", email: "kofi@example.org", country: "GH", organisation: "CERT-GH, Accra", org_type: "csirt", gender: null },
      { line: 4, name: "Lea Ruiz", email: "lea@example.org", country: null, organisation: null, org_type: null, gender: "prefer_not_to_say" },
    ]);
  });

  it("reports every bad row by its line number", () => {
    const csv = [
      "name,email,country,organisation type,gender",
      "Good Row,good@example.org,KE,regulator,",
      ",nobody@example.org,,,",
      "Bad Mail,not-an-email,,,",
      "Again,GOOD@example.org,,,",
      "",
      "Wrong Things,w@example.org,Atlantis,spy agency,robot",
    ].join("\r\n");
    const { rows, problems } = parseParticipantsCsv(csv);
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(problems.map((p) => [p.line, p.key])).toEqual([
      [3, "csv.error.name"],
      [4, "csv.error.email"],
      [5, "csv.error.duplicateEmail"],
      [7, "csv.error.country"],
      [7, "csv.error.orgType"],
      [7, "csv.error.gender"],
    ]);
    expect(problems[2]!.params).toEqual({ value: "good@example.org", first: 2 });
  });

  it("refuses a file without the required columns, an empty file and broken quoting", () => {
    expect(parseParticipantsCsv("person,address\nA,a@b.org").problems).toEqual([
      { line: 1, key: "csv.error.header", params: { columns: "name, email", found: "“person”, “address”" } },
    ]);
    expect(parseParticipantsCsv("").problems).toEqual([{ line: 1, key: "csv.error.empty" }]);
    expect(parseParticipantsCsv('name,email\n"Unclosed,a@b.org\n').problems[0]!.key).toBe("csv.error.unreadable");
  });

  it("strips a byte-order mark from spreadsheet exports", () => {
    expect(parseParticipantsCsv("\uFEFFname,email\nA,a@example.org").rows).toHaveLength(1);
  });
});

describe("export dialects", () => {
  it("quotes a field that holds the dialect's separator, and writes decimals with its decimal mark", () => {
    const semicolon = excelDialect("fr");
    expect(csvLine(["Dupont; Marie", "a,b", 72.5, 3], semicolon)).toBe('"Dupont; Marie";a,b;72,5;3\r\n');
    expect(csvLine(["Dupont; Marie", "a,b", 72.5, 3])).toBe('Dupont; Marie,"a,b",72.5,3\r\n');
    // The formula guard holds in both.
    expect(csvLine(["=1+1", "＝SUM(A1)"], semicolon)).toBe("'=1+1;'＝SUM(A1)\r\n");
  });

  it("uses semicolons where the locale writes decimals with a comma", () => {
    expect(Object.fromEntries(["en", "fr", "es", "ar", "zh", "ru"].map((l) => [l, excelDialect(l).separator]))).toEqual({ en: ",", fr: ";", es: ";", ar: ",", zh: ",", ru: ";" });
    expect(csvFilename("Cohort 1/2026", excelDialect("ru"))).toBe("Cohort_1_2026-excel.csv");
    expect(csvFilename("Cohort 1/2026", excelDialect("en"))).toBe("Cohort_1_2026.csv");
  });
});
