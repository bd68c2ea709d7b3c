import { en, type MessageKey, type Messages } from "./en";

export type { MessageKey, Messages };

/** Interface languages. `dir` drives <html dir>; the stylesheet uses logical properties only. */
export const UI_LANGUAGES = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "fr", name: "Français", dir: "ltr" },
  { code: "es", name: "Español", dir: "ltr" },
] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number]["code"];
export const DEFAULT_LANGUAGE: UiLanguage = "en";

export function isUiLanguage(v: unknown): v is UiLanguage {
  return UI_LANGUAGES.some((l) => l.code === v);
}

export function languageName(code: string): string {
  return UI_LANGUAGES.find((l) => l.code === code)?.name ?? code;
}

export function directionOf(code: string): "ltr" | "rtl" {
  return ["ar", "he", "fa", "ur"].includes(code) ? "rtl" : "ltr";
}

export type Params = Record<string, string | number>;

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(lang: string, n: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(lang)));
  return rules.select(n);
}

/**
 * Fills `{name}` placeholders, and chooses plural forms written as in ICU MessageFormat:
 * `{count, plural, one {# module} other {# modules}}`, where `#` is the number. The language's own
 * rules choose the form (French says "1,5 heure", English "1.5 hours"); `other` is the fallback.
 */
export function format(message: string, params?: Params, lang = "en"): string {
  if (!params) return message;
  let out = "";
  let i = 0;
  while (i < message.length) {
    const open = message.indexOf("{", i);
    if (open < 0) break;
    out += message.slice(i, open);
    const plural = /^\{(\w+), plural,/.exec(message.slice(open));
    if (!plural) {
      const simple = /^\{(\w+)\}/.exec(message.slice(open));
      const name = simple?.[1];
      out += simple && name! in params ? String(params[name!]) : simple ? simple[0] : "{";
      i = open + (simple ? simple[0].length : 1);
      continue;
    }
    // Read the `form {text}` pairs up to the brace that closes the plural.
    const forms = new Map<string, string>();
    let j = open + plural[0].length;
    for (;;) {
      const head = /^\s*(=?\w+)\s*\{/.exec(message.slice(j));
      if (!head) break;
      let depth = 1;
      let k = j + head[0].length;
      const start = k;
      while (k < message.length && depth > 0) {
        if (message[k] === "{") depth++;
        else if (message[k] === "}") depth--;
        k++;
      }
      forms.set(head[1]!, message.slice(start, k - 1));
      j = k;
    }
    const end = message.indexOf("}", j);
    const n = Number(params[plural[1]!] ?? 0);
    const chosen = forms.get(`=${n}`) ?? forms.get(pluralCategory(lang, n)) ?? forms.get("other") ?? "";
    out += format(chosen.replace(/#/g, new Intl.NumberFormat(lang).format(n)), params, lang);
    i = end < 0 ? message.length : end + 1;
  }
  return out + message.slice(i);
}

/**
 * The one way to write a date: "1 Dec 2026" (short), "1 December 2026" (long) or with the time
 * (datetime) in `lang`, or "2026-12-01" (iso) for files and machines. Always in UTC, so every viewer
 * and every export gives the same day.
 */
export function formatDate(ms: number, lang: string, style: "short" | "long" | "datetime" | "iso" = "short"): string {
  const d = new Date(ms);
  if (style === "iso") return d.toISOString().slice(0, 10);
  if (style === "datetime") return d.toLocaleString(lang, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return d.toLocaleDateString(lang, style === "long" ? { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" } : { dateStyle: "medium", timeZone: "UTC" });
}

/** A file's size in `lang`, in decimal units: "340 kB", "12.5 MB". */
export function formatSize(bytes: number, lang: string): string {
  const steps = [
    { unit: "gigabyte", size: 1e9 },
    { unit: "megabyte", size: 1e6 },
    { unit: "kilobyte", size: 1e3 },
  ];
  const { unit, size } = steps.find((s) => bytes >= s.size) ?? { unit: "byte", size: 1 };
  const n = bytes / size;
  return new Intl.NumberFormat(lang, { style: "unit", unit, maximumFractionDigits: n < 10 ? 1 : 0 }).format(n);
}

/**
 * A translator over `messages`. The server's dictionaries have every key (a test checks); the browser's
 * has the keys its pages use (messages.server.ts clientMessages), and English stays out of its bundle.
 */
export function makeT(messages: Partial<Messages>, lang = "en") {
  return (key: MessageKey, params?: Params) => format(messages[key] ?? key, params, lang);
}
export type T = ReturnType<typeof makeT>;

export { en };
