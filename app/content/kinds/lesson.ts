import { z } from "zod";
import { analyseMarkdown, renderMarkdown, splitFrontmatter, type AnalysedMarkdown } from "../markdown.server";
import { Id, Text } from "../schema";
import type { Lesson } from "../types";
import { parseYaml, validate } from "../yaml";
import { wholeFile, type CourseContext, type Draft, type Located } from "./context";
import type { TranslationFile } from "./translations";

// A lesson is a Markdown file whose frontmatter holds its id, title and reading time.
const LessonFrontmatter = z.strictObject({
  id: Id,
  title: Text,
  minutes: z.number({ error: "must be a number of minutes" }).int().positive().max(180),
});
const LessonTranslationFrontmatter = z.strictObject({
  id: Id,
  title: Text,
  minutes: z.number().int().positive().max(180).optional(),
});

/** Words a minute assumed for declared reading times: many learners read in a second language. */
export const WORDS_PER_MINUTE = 150;

// The loader has always reported a lesson's id on line 2 and its reading time on line 4, where the
// template puts them, not on the lines lineOf would give: changing that changes reported lines (016).
const ID_LINE = 2;
const MINUTES_LINE = 4;

/** One lesson file, read but not yet rendered: its links are checked once the course's lessons are known. */
export interface ParsedLesson {
  id: string;
  file: string;
  title: string;
  minutes: number;
  md: AnalysedMarkdown;
  bodyLine: number;
}

/** A module's lesson Markdown, compiled when the whole course is read. */
export interface LessonMarkdown {
  /** files whose links are checked */
  linked: ParsedLesson[];
  /** lesson id → language → the file rendered into that lesson's HTML */
  rendered: Map<string, Map<string, ParsedLesson>>;
}

function parseLesson(ctx: CourseContext, rel: string, translation: boolean): ParsedLesson | null {
  const file = ctx.path(rel);
  const split = splitFrontmatter(ctx.read(rel) ?? "");
  if (!split) {
    ctx.error(wholeFile(file), "a lesson starts with frontmatter between --- lines (id, title, minutes)");
    return null;
  }
  const parsed = parseYaml(file, split.frontmatter, ctx.problems, 1);
  if (!parsed) return null;
  const fm = validate(parsed.src, parsed.data, translation ? LessonTranslationFrontmatter : LessonFrontmatter, ctx.problems);
  if (!fm) return null;
  const md = analyseMarkdown(split.body);
  for (const line of md.headingOneLines)
    ctx.warn(inBody(file, split.bodyLine, line), "use ## headings inside a lesson: the lesson title is the page's only level-1 heading");
  if (!translation && "minutes" in fm && typeof fm.minutes === "number") {
    const expected = fm.minutes * WORDS_PER_MINUTE;
    if (md.words < expected / 2)
      ctx.warn(
        { file, line: MINUTES_LINE },
        `lesson has about ${md.words} words, less than half of the ${expected} its ${fm.minutes} minutes promise at ${WORDS_PER_MINUTE} words a minute`,
      );
  }
  return { id: fm.id, file, title: fm.title, minutes: fm.minutes ?? 0, md, bodyLine: split.bodyLine };
}

/** A line of a Markdown body, counted from the file's first line. */
function inBody(file: string, bodyLine: number, line: number): Located {
  return { file, line: bodyLine - 1 + line };
}

export function idLine(lesson: ParsedLesson): Located {
  return { file: lesson.file, line: ID_LINE };
}

/** Reads a lesson file in the base language and claims its id. */
export function readLesson(ctx: CourseContext, rel: string): ParsedLesson | null {
  const lesson = parseLesson(ctx, rel, false);
  if (lesson) ctx.register(lesson.id, idLine(lesson), "lesson");
  return lesson;
}

export function buildLesson(ctx: CourseContext, parsed: ParsedLesson, courseId: string, moduleId: string): Draft<Lesson> {
  return {
    id: parsed.id,
    courseId,
    moduleId,
    minutes: parsed.minutes,
    title: ctx.text(parsed.title),
    html: ctx.emptyText(),
    file: parsed.file,
  };
}

/** Resolves `lesson:` links against the whole course, then renders every language once. */
export function compileLessons(ctx: CourseContext, courseId: string, lessonsById: ReadonlyMap<string, Draft<Lesson>>, markdown: readonly LessonMarkdown[]) {
  for (const lesson of markdown.flatMap((m) => m.linked)) {
    for (const link of lesson.md.links) {
      const where = inBody(lesson.file, lesson.bodyLine, link.line);
      if (link.url.startsWith("lesson:")) {
        const target = link.url.slice("lesson:".length);
        if (!lessonsById.has(target)) ctx.error(where, `broken link: no lesson with id '${target}' in this course`);
        link.node.url = `/courses/${courseId}/lessons/${target}`;
      } else if (!/^(https?:|mailto:|#)/.test(link.url)) {
        ctx.warn(where, `link '${link.url}' will be removed: use https:, mailto: or lesson:<id>`);
      }
    }
  }
  for (const [id, langs] of markdown.flatMap((m) => [...m.rendered])) {
    const lesson = lessonsById.get(id);
    if (!lesson) continue;
    for (const [lang, parsed] of langs) lesson.html[lang] = renderMarkdown(parsed.md.tree);
  }
}

// Translation: the same id, a translated title and body; the reading time is the base file's.

export function translateLesson(ctx: CourseContext, file: TranslationFile, base: ParsedLesson, lesson: Draft<Lesson> | undefined, markdown: LessonMarkdown) {
  const tr = parseLesson(ctx, file.rel, true);
  if (!tr) return;
  if (tr.id !== base.id) {
    ctx.error(idLine(tr), `translation id '${tr.id}' does not match '${base.id}' in ${file.base}`);
    return;
  }
  markdown.rendered.get(tr.id)?.set(file.lang, tr);
  markdown.linked.push(tr);
  if (lesson) lesson.title[file.lang] = tr.title;
}
