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
    expect(makeT(fr, "fr")("quiz.questionOf", { number: 2, total: 6 })).toBe("Question 2 sur 6");
  });
});

describe("interface keys", () => {
  it("are all used somewhere in app/, literally or through a `prefix.${value}` template", async () => {
    const fs = await import("node:fs");
    const path = await import("node:path");
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const p = path.join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.tsx?$/.test(e.name) && !/app\/i18n\/(en|fr|es)\.ts$/.test(p)) files.push(p);
      }
    };
    walk("app");
    const source = files.map((f) => fs.readFileSync(f, "utf8")).join("\n");
    const prefixes = [...source.matchAll(/`([a-zA-Z.]+)\.\$\{[^}`]+\}`/g)].map((m) => m[1]!);
    const unused = Object.keys(en).filter((k) => !source.includes(`"${k}"`) && !prefixes.some((p) => k.startsWith(`${p}.`)));
    expect(unused).toEqual([]);
  });
});

describe("plural forms", () => {
  it("follow each language's rules", () => {
    const m = "{count, plural, one {# module} other {# modules}}";
    expect([0, 1, 2].map((count) => format(m, { count }, "en"))).toEqual(["0 modules", "1 module", "2 modules"]);
    // French counts 0 and 1.5 as singular.
    expect([0, 1.5, 2].map((hours) => format("{hours, plural, one {# heure} other {# heures}}", { hours }, "fr"))).toEqual(["0 heure", "1,5 heure", "2 heures"]);
    expect(makeT(en, "en")("cert.hours", { hours: 1 })).toBe("1 hour of study");
    expect(makeT(es, "es")("catalog.modules", { count: 1 })).toBe("1 módulo");
    expect(makeT(fr, "fr")("cohort.upload.failed", { count: 1 })).toBe("Rien n'a été importé. Corrigez ce problème et importez à nouveau le fichier :");
  });
});
