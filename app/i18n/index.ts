import { en, type MessageKey, type Messages } from "./en";

export type { MessageKey, Messages };

/**
 * Interface languages, in the order the UN lists its six official languages. `name` is the endonym
 * (the switcher names each language in itself); `tag` is the BCP 47 tag for <html lang> and Intl:
 * Chinese is Simplified (zh-Hans), Arabic keeps Western digits as UN Arabic documents do. `dir`
 * drives <html dir>; the stylesheet uses logical properties only.
 */
export const UI_LANGUAGES = [
  { code: "ar", name: "العربية", tag: "ar", dir: "rtl" },
  { code: "zh", name: "中文", tag: "zh-Hans", dir: "ltr" },
  { code: "en", name: "English", tag: "en", dir: "ltr" },
  { code: "fr", name: "Français", tag: "fr", dir: "ltr" },
  { code: "ru", name: "Русский", tag: "ru", dir: "ltr" },
  { code: "es", name: "Español", tag: "es", dir: "ltr" },
] as const;
export type UiLanguage = (typeof UI_LANGUAGES)[number]["code"];
export const DEFAULT_LANGUAGE: UiLanguage = "en";

/**
 * Interface translations checked by a native speaker. The others are shown with a notice saying the
 * translation awaits review (decision 033); add a language here once its review is done.
 */
export const REVIEWED_LANGUAGES: readonly UiLanguage[] = ["en", "fr", "es"];

export function isUiLanguage(v: unknown): v is UiLanguage {
  return UI_LANGUAGES.some((l) => l.code === v);
}

export function isReviewed(code: string): boolean {
  return (REVIEWED_LANGUAGES as readonly string[]).includes(code);
}

/** The BCP 47 tag for `lang` in markup (<html lang>, <option lang>). */
export function languageTag(code: string): string {
  return UI_LANGUAGES.find((l) => l.code === code)?.tag ?? code;
}

/** The locale Intl formats numbers and dates with: Western digits in Arabic, as in UN documents. */
export function intlLocale(code: string): string {
  if (code === "ar") return "ar-u-nu-latn";
  return languageTag(code);
}

const displayNames = new Map<string, Intl.DisplayNames>();
/**
 * A language's name as a reader of `inLanguage` writes it in a sentence: "inglés" and "español" on a
 * Spanish page, "English" on an English one. Without `inLanguage`, its own name for the switcher.
 */
export function languageName(code: string, inLanguage?: string): string {
  if (!inLanguage) {
    const ui = UI_LANGUAGES.find((l) => l.code === code)?.name;
    if (ui) return ui;
    try {
      const name = new Intl.DisplayNames([code], { type: "language" }).of(code);
      return name ? name.charAt(0).toLocaleUpperCase(code) + name.slice(1) : code;
    } catch {
      return code;
    }
  }
  let names = displayNames.get(inLanguage);
  if (!names) displayNames.set(inLanguage, (names = new Intl.DisplayNames([languageTag(inLanguage), "en"], { type: "language", fallback: "code" })));
  return names.of(code) ?? code;
}

export function directionOf(code: string): "ltr" | "rtl" {
  return ["ar", "he", "fa", "ur"].includes(code) ? "rtl" : "ltr";
}

export type Params = Record<string, string | number>;

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: string): Intl.NumberFormat {
  let nf = numberFormats.get(lang);
  if (!nf) numberFormats.set(lang, (nf = new Intl.NumberFormat(intlLocale(lang))));
  return nf;
}

/** A number in `lang`'s way ("1 234,5" in French and Russian); text as it is. */
export function formatNumber(n: number, lang: string, options?: Intl.NumberFormatOptions): string {
  return options ? new Intl.NumberFormat(intlLocale(lang), options).format(n) : numberFormat(lang).format(n);
}

// Numbers in messages follow the language too; identifiers that are numbers stay text at the caller.
const formatValue = (v: string | number, lang: string) => (typeof v === "number" ? numberFormat(lang).format(v) : v);

const pluralRules = new Map<string, Intl.PluralRules>();
function pluralCategory(lang: string, n: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) pluralRules.set(lang, (rules = new Intl.PluralRules(intlLocale(lang))));
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
      out += simple && name! in params ? formatValue(params[name!]!, lang) : simple ? simple[0] : "{";
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
    out += format(chosen.replace(/#/g, numberFormat(lang).format(n)), params, lang);
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
  const locale = intlLocale(lang);
  if (style === "datetime") return d.toLocaleString(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return d.toLocaleDateString(locale, style === "long" ? { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" } : { dateStyle: "medium", timeZone: "UTC" });
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
  return new Intl.NumberFormat(intlLocale(lang), { style: "unit", unit, maximumFractionDigits: n < 10 ? 1 : 0 }).format(n);
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
