import { describe, expect, it } from "vitest";
import { ar } from "../../app/i18n/ar";
import { en } from "../../app/i18n/en";
import { es } from "../../app/i18n/es";
import { fr } from "../../app/i18n/fr";
import { ru } from "../../app/i18n/ru";
import { zh } from "../../app/i18n/zh";
import { format, formatDate, intlLocale, isReviewed, languageName, makeT, UI_LANGUAGES, type Messages } from "../../app/i18n";
import { negotiateLanguage } from "../../app/i18n/language.server";

// A message's arguments, simple (`{name}`) or plural (`{count, plural, …}`): a translation may say
// with a plural what English says with a number ("{minutes} min"), but it keeps every argument.
const placeholders = (s: string) => [...new Set([...s.matchAll(/\{(\w+)(?:\}|, plural,)/g)].map((m) => m[1]))].sort();

/** Each plural argument of a message with the forms it gives (`one`, `few`, `=1`, …). */
function pluralForms(message: string): { arg: string; forms: string[] }[] {
  const found: { arg: string; forms: string[] }[] = [];
  for (const m of message.matchAll(/\{(\w+), plural,/g)) {
    const forms: string[] = [];
    let j = m.index! + m[0].length;
    for (;;) {
      const head = /^\s*(=?\w+)\s*\{/.exec(message.slice(j));
      if (!head) break;
      forms.push(head[1]!);
      let depth = 1;
      j += head[0].length;
      while (j < message.length && depth > 0) {
        if (message[j] === "{") depth++;
        else if (message[j] === "}") depth--;
        j++;
      }
    }
    found.push({ arg: m[1]!, forms });
  }
  return found;
}

const ALL: [string, Messages][] = [
  ["fr", fr],
  ["es", es],
  ["ar", ar],
  ["zh", zh],
  ["ru", ru],
];

describe.each(ALL)("%s interface strings", (lang, messages) => {
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
  it("gives every plural form the language has, and no form it lacks", () => {
    const categories = new Intl.PluralRules(intlLocale(lang)).resolvedOptions().pluralCategories as string[];
    // fr and es were written before CLDR gave them `many` (for millions); `other` covers it there.
    const required = ["fr", "es"].includes(lang) ? categories.filter((c) => c !== "many") : categories;
    for (const [key, message] of Object.entries(messages)) {
      for (const { arg, forms } of pluralForms(message)) {
        const named = forms.filter((f) => !f.startsWith("="));
        const missing = required.filter((c) => !named.includes(c));
        const unknown = named.filter((c) => !categories.includes(c));
        expect({ key, arg, missing, unknown }).toEqual({ key, arg, missing: [], unknown: [] });
      }
    }
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
        else if (/\.tsx?$/.test(e.name) && !/app\/i18n\/(en|fr|es|ar|zh|ru)\.ts$/.test(p)) files.push(p);
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

describe("Russian and Arabic plurals", () => {
  it("choose one, few, many and other in Russian", () => {
    const t = makeT(ru, "ru");
    expect([1, 2, 5, 11, 21, 22, 25, 1.5].map((count) => t("catalog.modules", { count }))).toEqual([
      "1 модуль",
      "2 модуля",
      "5 модулей",
      "11 модулей",
      "21 модуль",
      "22 модуля",
      "25 модулей",
      "1,5 модуля",
    ]);
    // An exact form (=1) wins over the category: 1 is "the only attempt", 21 is "all 21".
    expect(t("course.stuck", { attempts: 1, quiz: "Q" })).toContain("единственную попытку");
    expect(t("course.stuck", { attempts: 21, quiz: "Q" })).toContain("все 21 попытку");
    expect(t("course.stuck", { attempts: 3, quiz: "Q" })).toContain("все 3 попытки");
  });

  it("choose zero, one, two, few, many and other in Arabic, with Western digits", () => {
    const t = makeT(ar, "ar");
    expect([0, 1, 2, 3, 10, 11, 99, 100, 1.5].map((count) => t("audit.count", { count }))).toEqual([
      "لا قيود",
      "قيد واحد",
      "قيدان",
      "3 قيود",
      "10 قيود",
      "11 قيدًا",
      "99 قيدًا",
      "100 قيد",
      "1.5 قيد",
    ]);
    expect(t("auth.error.throttled", { seconds: 5 })).toContain("انتظر 5 ثوانٍ");
    expect(t("auth.error.throttled", { seconds: 2 })).toContain("انتظر ثانيتين");
    expect(t("catalog.hours", { hours: 12 })).toBe("12 ساعة");
  });

  it("has one form in Chinese", () => {
    expect([1, 2].map((count) => makeT(zh, "zh")("catalog.modules", { count }))).toEqual(["1个单元", "2个单元"]);
  });
});

describe("numbers, dates and language names per locale", () => {
  it("formats numbers in messages the language's way", () => {
    expect(makeT(ru, "ru")("csv.error.tooMany", { max: 5000 })).toContain("более 5\u00a0000 участников");
    expect(makeT(fr, "fr")("quiz.questionOf", { number: 2, total: 6 })).toBe("Question 2 sur 6");
    expect(makeT(en, "en")("csv.error.tooMany", { max: 5000 })).toContain("more than 5,000");
  });

  it("writes dates in the reader's language, in UTC", () => {
    const ms = Date.UTC(2026, 11, 1, 12);
    expect(formatDate(ms, "ru", "long")).toBe("1 декабря 2026 г.");
    expect(formatDate(ms, "zh", "long")).toBe("2026年12月1日");
    expect(formatDate(ms, "ar", "long")).toBe("1 ديسمبر 2026");
    expect(formatDate(ms, "es", "long")).toBe("1 de diciembre de 2026");
  });

  it("names each language in itself in the switcher, and in the reader's language in sentences", () => {
    expect(UI_LANGUAGES.map((l) => l.name)).toEqual(["العربية", "中文", "English", "Français", "Русский", "Español"]);
    expect(languageName("en", "es")).toBe("inglés");
    expect(languageName("es", "es")).toBe("español");
    expect(languageName("en", "ar")).toBe("الإنجليزية");
    expect(languageName("en", "zh")).toBe("英语");
    expect(languageName("en", "ru")).toBe("английский");
    expect(makeT(es, "es")("course.fallback", { language: languageName("es", "es"), fallback: languageName("en", "es") })).toBe(
      "Este curso no está disponible en español; se muestra en inglés.",
    );
  });

  it("knows which translations a native speaker has reviewed", () => {
    expect(UI_LANGUAGES.filter((l) => isReviewed(l.code)).map((l) => l.code)).toEqual(["en", "fr", "es"]);
  });
});

describe("Accept-Language", () => {
  it("maps regional and script variants to the six languages, by weight", () => {
    expect(negotiateLanguage("ar-EG,ar;q=0.9,en;q=0.8")).toBe("ar");
    expect(negotiateLanguage("zh-CN,zh;q=0.9")).toBe("zh");
    expect(negotiateLanguage("zh-Hans-CN")).toBe("zh");
    expect(negotiateLanguage("ru-RU,ru;q=0.9,en-US;q=0.8")).toBe("ru");
    expect(negotiateLanguage("de-DE,fr;q=0.5,es;q=0.7")).toBe("es");
    expect(negotiateLanguage("pt-BR, *;q=0.1")).toBeNull();
    expect(negotiateLanguage("fr;q=0, en")).toBe("en");
    expect(negotiateLanguage("")).toBeNull();
    expect(negotiateLanguage(null)).toBeNull();
  });
});

describe("PDF language", () => {
  it("writes certificates in every interface language, and the donor summary in English where its layout cannot print the script yet", async () => {
    const { pdfLanguage } = await import("../../app/lib/pdf-fonts.server");
    for (const [lang, messages] of [["ar", ar], ["zh", zh]] as const) {
      const summary = pdfLanguage(lang, makeT(messages, lang), "summary");
      expect([summary.lang, summary.t("cert.heading")]).toEqual(["en", "Certificate of completion"]);
      const certificate = pdfLanguage(lang, makeT(messages, lang), "certificate");
      expect([certificate.lang, certificate.t("cert.heading")]).toEqual([lang, messages["cert.heading"]]);
    }
    const russian = pdfLanguage("ru", makeT(ru, "ru"), "summary");
    expect([russian.lang, russian.t("cert.heading")]).toEqual(["ru", "Сертификат об окончании курса"]);
  });
});
