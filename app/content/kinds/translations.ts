import { CONTENT_LANGUAGES } from "../schema";
import type { YamlSource } from "../yaml";
import { at, wholeFile, type CourseContext, type Located } from "./context";

/** Splits "name.fr.yaml" into base name and language; a suffix that is not a language is part of the name. */
export function languageOf(fileName: string): { stem: string; ext: string; lang: string | null } {
  const m = /^(.*?)(?:\.([a-z]{2}))?\.(ya?ml|md)$/.exec(fileName);
  if (!m) return { stem: fileName, ext: "", lang: null };
  const [, stem = "", lang, ext = ""] = m;
  if (lang && CONTENT_LANGUAGES.some((l) => l === lang)) return { stem, ext, lang };
  return { stem: lang ? `${stem}.${lang}` : stem, ext, lang: null };
}

/** A file named as a translation, `<stem>.<lang>.<ext>`, in a language other than the base. */
export interface TranslationFile {
  rel: string;
  lang: string;
  kind: "course" | "glossary" | "assessment" | "module" | "lesson" | "quiz" | "exercise";
  /** the base file it translates, as authors are told to name it (`01-basics/quiz.yaml`) */
  base: string;
}

/** A file that may be translated, as the folder holding it knows it. */
export interface Translatable {
  /** as `TranslationFile.base` names it */
  rel: string;
  /** its file is not there, so its translations are orphans */
  absent?: boolean;
  /** reads one translation into the base; null when the base did not build (its own problems say why) */
  translate: ((file: TranslationFile) => void) | null;
  /** where a declared language without a translation is reported; null when none is expected */
  expectedAt: ((lang: string) => Located) | null;
}

/**
 * The rules every translation follows, whatever it translates. A translation in a language the
 * course does not declare is unused: a warning, since a translation in progress is fine until its
 * language is declared. One whose base is not there is an orphan. Every other one is read, in the
 * order found. Then every declared language needs a translation of each base that expects one.
 */
export function applyTranslations(ctx: CourseContext, found: readonly TranslationFile[], bases: readonly Translatable[]) {
  for (const file of found) {
    const base = bases.find((b) => b.rel === file.base);
    if (!ctx.translations.includes(file.lang))
      ctx.warn(wholeFile(ctx.path(file.rel)), `translation '${file.lang}' is not used: add ${file.lang} to languages in course.yaml once it is complete`);
    else if (!base || base.absent) ctx.error(wholeFile(ctx.path(file.rel)), `translation of ${article(file.kind)} that does not exist: no ${file.base}`);
    else base.translate?.(file);
  }
  // Language by language, as course.yaml lists them: a course's own translations share one line there.
  for (const lang of ctx.translations) {
    for (const base of bases) {
      const rel = base.rel.replace(/\.(ya?ml|md)$/, `.${lang}.$1`);
      if (base.expectedAt && !ctx.has(rel)) ctx.error(base.expectedAt(lang), `missing translation '${lang}': ${ctx.path(rel)} does not exist`);
    }
  }
}

function article(kind: string) {
  return /^[aeiou]/.test(kind) ? `an ${kind}` : `a ${kind}`;
}

/**
 * Overlays a translated list on the base list by id: an id the base does not have is reported where
 * it stands, a base entry the translation leaves out where the list starts.
 */
export function overlayById<T extends { id: string }, U extends { id: string }>(
  ctx: CourseContext,
  src: YamlSource,
  listPath: readonly (string | number)[],
  targets: readonly T[],
  entries: readonly U[],
  apply: (target: T, entry: U, index: number) => void,
  what: string,
) {
  const seen = new Set<string>();
  entries.forEach((e, i) => {
    const target = targets.find((t) => t.id === e.id);
    if (!target) ctx.error(at(src, [...listPath, i, "id"]), `unknown ${what} id '${e.id}' in translation`);
    else {
      seen.add(e.id);
      apply(target, e, i);
    }
  });
  for (const t of targets) {
    if (!seen.has(t.id)) ctx.error(at(src, listPath), `missing translation of ${what} '${t.id}'`);
  }
}
