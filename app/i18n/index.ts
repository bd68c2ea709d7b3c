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

export function format(message: string, params?: Params): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function makeT(messages: Messages) {
  return (key: MessageKey, params?: Params) => format(messages[key] ?? en[key] ?? key, params);
}
export type T = ReturnType<typeof makeT>;

export { en };
