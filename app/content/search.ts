import type { Course, Localized } from "./types";

/** Where a query was found in a course, to say why the course is listed. */
export type SearchHit = { field: "lesson" | "term"; text: string };

export const MAX_QUERY = 100;

const LIGATURES: Record<string, string> = { œ: "oe", æ: "ae", ß: "ss", "’": "'" };

/**
 * Lower case without accents or ligatures, so "securite" finds "sécurité", "oeil" finds "œil" and
 * "CSIRT" finds "csirt"; a typographic apostrophe matches the one on keyboards.
 */
export function fold(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLocaleLowerCase("en")
    .replace(/[œæß’]/g, (c) => LIGATURES[c]!);
}

export function queryTerms(query: string): string[] {
  return fold(query.slice(0, MAX_QUERY)).split(/[\s,;]+/).filter((w) => w.length > 0).slice(0, 10);
}

type Entry = { field: "title" | "summary" | SearchHit["field"]; folded: string; text: Localized };
const entries = new WeakMap<Course, Entry[]>();

/** Every searchable text of a course, in every language it is written in; built once per course. */
function entriesOf(course: Course): Entry[] {
  let found = entries.get(course);
  if (!found) {
    const of = (field: Entry["field"], text: Localized): Entry => ({ field, text, folded: fold(Object.values(text).join("\n")) });
    found = [
      of("title", course.title),
      of("summary", course.summary),
      ...course.lessons.map((l) => of("lesson", l.title)),
      ...course.glossary.map((g) => of("term", g.term)),
    ];
    entries.set(course, found);
  }
  return found;
}

/**
 * Whether a course matches the query: every word of the query must appear in its title, summary,
 * a lesson title or a glossary term, in any of its languages (a learner may search in English a
 * course they read in French). Null when it does not match; otherwise the lessons and terms that
 * matched (shown in `lang`), so the card can say why it is listed.
 */
export function matchCourse(course: Course, terms: readonly string[], lang: string): SearchHit[] | null {
  if (terms.length === 0) return [];
  const all = entriesOf(course);
  if (!terms.every((w) => all.some((e) => e.folded.includes(w)))) return null;
  const pick = (t: Localized) => t[lang] ?? Object.values(t)[0] ?? "";
  return all.flatMap((e) => (e.field === "lesson" || e.field === "term") && terms.some((w) => e.folded.includes(w)) ? [{ field: e.field, text: pick(e.text) }] : []).slice(0, 5);
}
