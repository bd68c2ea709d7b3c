import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/en";
import { es } from "../../app/i18n/es";
import { fr } from "../../app/i18n/fr";
import { format, makeT } from "../../app/i18n";

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe.each([
  ["fr", fr],
  ["es", es],
])("%s interface strings", (_, messages) => {
  it("has every English key, and no other", () => {
    expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
  });
  it("keeps every placeholder of the English string", () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect([key, placeholders(messages[key])]).toEqual([key, placeholders(en[key])]);
    }
  });
  it("is translated, not copied", () => {
    const same = (Object.keys(en) as (keyof typeof en)[]).filter((k) => messages[k] === en[k] && /[a-z]{4,}/.test(en[k]));
    // A few words are the same in both languages (e.g. "Quiz", "Glossary" in some); most must differ.
    expect(same.length).toBeLessThan(Object.keys(en).length / 10);
  });
});

describe("formatting", () => {
  it("fills placeholders and leaves unknown ones visible", () => {
    expect(format("Hello {name}, {missing}", { name: "Amina" })).toBe("Hello Amina, {missing}");
    expect(makeT(fr)("quiz.questionOf", { number: 2, total: 6 })).toContain("2");
  });
});
