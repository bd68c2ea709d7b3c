import type { Course, Localized } from "./types";

/** The language a course is shown in for an interface language: that one if the course has it, else its base. */
export function courseLanguage(course: Pick<Course, "languages" | "baseLanguage">, uiLanguage: string) {
  const lang = course.languages.includes(uiLanguage) ? uiLanguage : course.baseLanguage;
  return { lang, fallback: lang !== uiLanguage };
}

/** Text in `lang`, or in the first language it exists in (a declared language is always complete). */
export function pick(text: Localized, lang: string): string {
  return text[lang] ?? Object.values(text)[0] ?? "";
}
