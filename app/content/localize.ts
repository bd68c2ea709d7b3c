import { languageName } from "~/i18n";
import type { Course, Localized } from "./types";

/** The language a course is shown in for an interface language: that one if the course has it, else its base. */
export function courseLanguage(course: Pick<Course, "languages" | "baseLanguage">, uiLanguage: string) {
  const lang = course.languages.includes(uiLanguage) ? uiLanguage : course.baseLanguage;
  return { lang, fallback: lang !== uiLanguage };
}

/** How a course is shown to a reader of `uiLanguage`: its language, and the notice when it falls back. */
export interface CourseText {
  lang: string;
  fallback: { language: string; fallback: string } | null;
  /** the text shown is a translation no native speaker has reviewed yet */
  unreviewed: boolean;
}

export function courseText(course: Pick<Course, "languages" | "baseLanguage" | "unreviewed">, uiLanguage: string): CourseText {
  const { lang, fallback } = courseLanguage(course, uiLanguage);
  return {
    lang,
    fallback: fallback ? { language: languageName(uiLanguage, uiLanguage), fallback: languageName(lang, uiLanguage) } : null,
    unreviewed: course.unreviewed.includes(lang),
  };
}

/** Text in `lang`, or in the first language it exists in (a declared language is always complete). */
export function pick(text: Localized, lang: string): string {
  return text[lang] ?? Object.values(text)[0] ?? "";
}
