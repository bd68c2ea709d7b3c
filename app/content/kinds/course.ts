import { z } from "zod";
import { CONTENT_LANGUAGES, Id, Text } from "../schema";
import type { Course, GlossaryTerm, Lesson, Module, Source } from "../types";
import { at, wholeFile, type CourseContext, type CourseFiles, type Draft, type DraftText } from "./context";
import { compileLessons, type LessonMarkdown } from "./lesson";
import { buildModule, type BuiltModule } from "./module";
import { buildQuiz, translateQuiz } from "./quiz";
import { nearDuplicates } from "../checks";
import { applyTranslations, languageOf, overlayById, type TranslationFile } from "./translations";

// A course is a folder: course.yaml (ids, languages, module order, completion rules), optionally a
// glossary.yaml and an assessment.yaml, one folder per module, and translations of each beside it.
const Lang = z.enum(CONTENT_LANGUAGES, { error: `must be one of ${CONTENT_LANGUAGES.join(", ")}` });

const CourseFile = z.strictObject({
  id: Id,
  title: Text,
  summary: Text,
  languages: z.array(Lang).min(1, { error: "list at least the base language" }),
  status: z.enum(["published", "draft"]).default("published"),
  level: z.enum(["introductory", "intermediate", "advanced"]),
  hours: z.number({ error: "must be a number of hours" }).positive().max(500),
  modules: z.array(Id).min(1, { error: "a course needs at least one module" }),
  completion: z
    .strictObject({
      lessons: z.enum(["all", "none"]).default("all"),
      quizzes: z.enum(["passed", "none"]).default("passed"),
    })
    .default({ lessons: "all", quizzes: "passed" }),
  certificate: z.boolean().default(false),
  sources: z
    .array(z.strictObject({ id: Id, symbol: Text, title: Text, url: z.url({ error: "must be a URL" }).optional() }))
    .default([]),
  retiredIds: z.array(z.string()).default([]),
});

const GlossaryFile = z.strictObject({
  terms: z.array(z.strictObject({ id: Id, term: Text, definition: Text })),
});

// Translations hold text only, keyed by the base file's ids.
const CourseTranslation = z.strictObject({
  // Whether a native speaker has reviewed this language's text; readers see a notice until then (034).
  review: z.enum(["awaiting", "reviewed"], { error: "say whether a native speaker has reviewed this translation: awaiting or reviewed" }),
  title: Text,
  summary: Text,
  sources: z.array(z.strictObject({ id: Id, title: Text })).optional(),
});
const GlossaryTranslation = GlossaryFile;

/** The files of the course folder itself, beside the module folders. */
const ROOT_KINDS = ["course", "glossary", "assessment"] as const;

/** Builds one course folder; null when its course.yaml is absent or invalid. */
export function buildCourse(files: CourseFiles): Course | null {
  if (!files.has("course.yaml")) {
    files.error(wholeFile(files.path("course.yaml")), "missing course.yaml: every course folder needs one");
    return null;
  }
  const parsed = files.yaml("course.yaml", CourseFile);
  if (!parsed) return null;
  const { src: courseSrc, value: cf } = parsed;
  const ctx = files.asCourse(cf.languages, cf.retiredIds);
  cf.languages.forEach((l, i) => {
    if (cf.languages.indexOf(l) !== i) ctx.error(at(courseSrc, ["languages", i]), `language '${l}' is listed twice`);
  });

  const sources: Draft<Source>[] = cf.sources.map((s, i) => {
    ctx.register(s.id, at(courseSrc, ["sources", i, "id"]), "source");
    return { id: s.id, symbol: s.symbol, title: ctx.text(s.title), url: s.url ?? null };
  });

  // The course's files: root files, and one group per module folder.
  const folders = new Map<string, string[]>();
  const rootFiles: string[] = [];
  for (const rel of ctx.rels()) {
    const parts = rel.split("/");
    if (parts.length === 1) rootFiles.push(rel);
    else if (parts.length === 2) {
      if (!folders.has(parts[0]!)) folders.set(parts[0]!, []);
      folders.get(parts[0]!)!.push(parts[1]!);
    } else ctx.warn(wholeFile(ctx.path(rel)), "file too deep in the course folder; it is ignored");
  }

  const modules = new Map<string, BuiltModule>();
  const markdown: LessonMarkdown[] = [];
  for (const [folder, names] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
    const m = buildModule(ctx, cf.id, folder, names);
    if (!m) continue;
    markdown.push(m.markdown);
    if (modules.has(m.module.id)) continue; // reported by register()
    modules.set(m.module.id, m);
  }

  const orderedModules: Draft<Module>[] = [];
  cf.modules.forEach((id, i) => {
    const where = at(courseSrc, ["modules", i]);
    const m = modules.get(id);
    if (cf.modules.indexOf(id) !== i) ctx.error(where, `module '${id}' is listed twice`);
    else if (!m) ctx.error(where, `module '${id}' is listed but no module.yaml has that id`);
    else orderedModules.push(m.module);
  });
  for (const [id, m] of modules) {
    if (!cf.modules.includes(id)) ctx.error(at(m.src, ["id"]), `module '${id}' is not listed in course.yaml modules`);
  }

  // An absent or invalid glossary is an empty one: its translation can then only name unknown terms.
  const g = ctx.yaml("glossary.yaml", GlossaryFile);
  const glossary: Draft<GlossaryTerm>[] = g
    ? g.value.terms.map((t, i) => {
        ctx.register(t.id, at(g.src, ["terms", i, "id"]), "glossary term");
        return { id: t.id, term: ctx.text(t.term), definition: ctx.text(t.definition) };
      })
    : [];

  const assessment = ctx.has("assessment.yaml") ? buildQuiz(ctx, cf.id, null, "assessment.yaml") : null;

  const title = ctx.text(cf.title);
  const summary = ctx.text(cf.summary);
  const unreviewed: string[] = [];

  const found: TranslationFile[] = [];
  for (const rel of rootFiles) {
    const { stem, lang } = languageOf(rel);
    const kind = ROOT_KINDS.find((k) => k === stem);
    if (!kind || !/\.ya?ml$/.test(rel)) {
      if (rel !== "README.md") ctx.warn(wholeFile(ctx.path(rel)), "unknown file in the course folder; it is ignored");
      continue;
    }
    if (lang && lang !== ctx.base) found.push({ rel, lang, kind, base: `${kind}.yaml` });
  }
  // course.yaml lists the languages, so a missing translation of a root file is reported there.
  const languageLine = (lang: string) => at(courseSrc, ["languages", cf.languages.findIndex((l) => l === lang)]);
  applyTranslations(ctx, found, [
    { rel: "course.yaml", translate: (f) => translateCourse(ctx, { title, summary, sources, unreviewed }, f), expectedAt: languageLine },
    { rel: "glossary.yaml", translate: (f) => translateGlossary(ctx, glossary, f), expectedAt: g && languageLine },
    // Never absent: a translation without its assessment.yaml is ignored, not reported (016).
    { rel: "assessment.yaml", translate: assessment && ((f) => translateQuiz(ctx, assessment, f)), expectedAt: assessment && languageLine },
  ]);

  const lessons = orderedModules.flatMap((m) => m.lessons);
  const lessonsById = new Map<string, Draft<Lesson>>(lessons.map((l) => [l.id, l]));
  compileLessons(ctx, cf.id, lessonsById, markdown);
  ctx.freezeText();

  const quizzes = [...orderedModules.flatMap((m) => (m.quiz ? [m.quiz] : [])), ...(assessment ? [assessment] : [])];
  if (assessment)
    for (const [q, a] of nearDuplicates(orderedModules.flatMap((m) => m.quiz?.questions ?? []), assessment.questions, ctx.base))
      ctx.warn({ file: assessment.file, line: a.line }, `assessment question '${a.id}' asks nearly what module-quiz question '${q.id}' asks: test the same understanding another way`);
  return {
    id: cf.id,
    dir: ctx.dir,
    status: cf.status,
    level: cf.level,
    hours: cf.hours,
    baseLanguage: ctx.base,
    languages: cf.languages,
    unreviewed: cf.languages.filter((l) => unreviewed.includes(l)),
    title,
    summary,
    completion: cf.completion,
    certificate: cf.certificate,
    modules: orderedModules,
    assessment,
    glossary,
    sources,
    lessons,
    lessonsById,
    quizzes,
    quizzesById: new Map(quizzes.map((q) => [q.id, q])),
    exercisesById: new Map(orderedModules.flatMap((m) => (m.exercise ? [[m.exercise.id, m.exercise] as const] : []))),
  };
}

// Translation: the title and summary, source titles by id (a source left out keeps its base title),
// and every glossary term by id.

function translateCourse(ctx: CourseContext, course: { title: DraftText; summary: DraftText; sources: Draft<Source>[]; unreviewed: string[] }, file: TranslationFile) {
  const tr = ctx.yaml(file.rel, CourseTranslation);
  if (!tr) return;
  if (tr.value.review === "awaiting") course.unreviewed.push(file.lang);
  course.title[file.lang] = tr.value.title;
  course.summary[file.lang] = tr.value.summary;
  for (const [i, s] of (tr.value.sources ?? []).entries()) {
    const target = course.sources.find((x) => x.id === s.id);
    if (!target) ctx.error(at(tr.src, ["sources", i, "id"]), `unknown source id '${s.id}'`);
    else target.title[file.lang] = s.title;
  }
}

function translateGlossary(ctx: CourseContext, glossary: Draft<GlossaryTerm>[], file: TranslationFile) {
  const tr = ctx.yaml(file.rel, GlossaryTranslation);
  if (!tr) return;
  overlayById(ctx, tr.src, ["terms"], glossary, tr.value.terms, (term, t) => {
    term.term[file.lang] = t.term;
    term.definition[file.lang] = t.definition;
  }, "glossary term");
}
