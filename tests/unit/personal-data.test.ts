import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { EXPORT_SECTIONS, exportRow, personalDataCsv, type PersonalData } from "../../app/accounts/export";

describe("a row of one's own data", () => {
  it("shows times in ISO 8601, stored JSON as values and 0/1 as booleans", () => {
    expect(exportRow({ started_at: 0, completed_at: null, layout: '{"order":["q1"]}', passed: 1, correct: 0, hours: 2, name: "Amina" })).toEqual({
      started_at: "1970-01-01T00:00:00.000Z",
      completed_at: null,
      layout: { order: ["q1"] },
      passed: true,
      correct: false,
      hours: 2,
      name: "Amina",
    });
  });
  it("keeps text that is not JSON as it is", () => {
    expect(exportRow({ answers: "not json {" })).toEqual({ answers: "not json {" });
  });
});

describe("one's own data as CSV", () => {
  const sections = Object.fromEntries(EXPORT_SECTIONS.map((s) => [s, []])) as unknown as PersonalData["sections"];
  const data: PersonalData = {
    format: "personal-data/1",
    exported_at: "2026-05-01T10:00:00.000Z",
    sections: { ...sections, profile: [{ name: "=1+1", organisation: "Ministry, \"CERT\"" }], exercise_drafts: [{ answers: { p: "line one\nline two" } }] },
  };
  const text = personalDataCsv(data);
  const rows = parse(text.slice(1), { relax_column_count: false }) as string[][];

  it("is one well-formed table of section, record, field and value", () => {
    expect(text.startsWith("\uFEFF")).toBe(true);
    expect(rows).toEqual([
      ["section", "record", "field", "value"],
      ["export", "1", "exported_at", "2026-05-01T10:00:00.000Z"],
      ["profile", "1", "name", "'=1+1"],
      ["profile", "1", "organisation", 'Ministry, "CERT"'],
      ["exercise_drafts", "1", "answers", '{"p":"line one\\nline two"}'],
    ]);
  });
});
