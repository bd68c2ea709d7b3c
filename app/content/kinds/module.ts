import { z } from "zod";
import { Id, Text } from "../schema";
import type { Lesson, Module } from "../types";
import type { YamlSource } from "../yaml";
import { at, wholeFile, type CourseContext, type Draft } from "./context";
import { buildExercise, translateExercise } from "./exercise";
import { buildLesson, idLine, readLesson, translateLesson, type LessonMarkdown, type ParsedLesson } from "./lesson";
import { buildQuiz, translateQuiz } from "./quiz";
import { applyTranslations, languageOf, type TranslationFile } from "./translations";

// A module is a folder: module.yaml (id, title, objectives, lesson order), its lessons, and
// optionally a quiz.yaml and an exercise.yaml, each with its translations beside it.
const ModuleFile = z.strictObject({
  id: Id,
  title: Text,
  objectives: z.array(Text).default([]),
  lessons: z.array(Id).min(1, { error: "a module needs at least one lesson" }),
});
const ModuleTranslation = z.strictObject({ title: Text, objectives: z.array(Text).optional() });

export interface BuiltModule {
  module: Draft<Module>;
  src: YamlSource;
  /** kept even when the course drops the module, as its links are still checked */
  markdown: LessonMarkdown;
}

/** Builds the module in `folder` from its file names; null when its module.yaml is absent or invalid. */
export function buildModule(ctx: CourseContext, courseId: string, folder: string, names: string[]): BuiltModule | null {
  const moduleRel = `${folder}/module.yaml`;
  if (!names.includes("module.yaml")) {
    ctx.error(wholeFile(ctx.path(moduleRel)), "missing module.yaml: every module folder needs one");
    return null;
  }
  const parsed = ctx.yaml(moduleRel, ModuleFile);
  if (!parsed) return null;
  const { src, value: mf } = parsed;
  ctx.register(mf.id, at(src, ["id"]), "module");
  if (mf.objectives.length === 0) ctx.warn(at(src, ["id"]), `module '${mf.id}' states no learning objectives`);

  // Files in name order: ids are claimed in that order, so it decides which use of an id is the duplicate.
  const baseLessons = new Map<string, ParsedLesson>(); // by file stem
  const found: TranslationFile[] = [];
  let quiz: Draft<Module>["quiz"] = null;
  let exercise: Draft<Module>["exercise"] = null;
  for (const name of names.sort()) {
    const rel = `${folder}/${name}`;
    const { stem, ext, lang } = languageOf(name);
    const translated = lang !== null && lang !== ctx.base;
    if (ext === "md") {
      if (translated) found.push({ rel, lang, kind: "lesson", base: `${folder}/${stem}.md` });
      else {
        const lesson = readLesson(ctx, rel);
        if (lesson) baseLessons.set(stem, lesson);
      }
    } else if (stem === "module" || stem === "quiz" || stem === "exercise") {
      if (translated) found.push({ rel, lang, kind: stem, base: `${folder}/${stem}.yaml` });
      else if (stem === "quiz") quiz = buildQuiz(ctx, courseId, mf.id, rel);
      else if (stem === "exercise") exercise = buildExercise(ctx, courseId, mf.id, rel);
    } else {
      ctx.warn(wholeFile(ctx.path(rel)), "unknown file in the module folder; it is ignored");
    }
  }

  const byId = new Map([...baseLessons.values()].map((l) => [l.id, l]));
  const lessons: Draft<Lesson>[] = [];
  const markdown: LessonMarkdown = { linked: [], rendered: new Map() };
  mf.lessons.forEach((id, i) => {
    const where = at(src, ["lessons", i]);
    const l = byId.get(id);
    if (mf.lessons.indexOf(id) !== i) ctx.error(where, `lesson '${id}' is listed twice`);
    else if (!l) ctx.error(where, `lesson '${id}' is listed but no lesson file in ${folder}/ has that id`);
    else {
      lessons.push(buildLesson(ctx, l, courseId, mf.id));
      markdown.linked.push(l);
    }
  });
  for (const l of baseLessons.values()) {
    if (!mf.lessons.includes(l.id)) ctx.error(idLine(l), `lesson '${l.id}' is not listed in module.yaml lessons`);
  }
  for (const l of byId.values()) markdown.rendered.set(l.id, new Map([[ctx.base, l]]));

  const module: Draft<Module> = { id: mf.id, title: ctx.text(mf.title), objectives: mf.objectives.map((o) => ctx.text(o)), lessons, quiz, exercise };
  const builtQuiz = quiz;
  const builtExercise = exercise;
  applyTranslations(ctx, found, [
    { rel: moduleRel, translate: (f) => translateModule(ctx, module, f), expectedAt: () => wholeFile(src.file) },
    ...[...baseLessons].map(([stem, l]) => ({
      rel: `${folder}/${stem}.md`,
      translate: (f: TranslationFile) => translateLesson(ctx, f, l, lessons.find((x) => x.id === l.id), markdown),
      expectedAt: () => wholeFile(l.file),
    })),
    {
      rel: `${folder}/quiz.yaml`,
      absent: !names.includes("quiz.yaml"),
      translate: builtQuiz && ((f) => translateQuiz(ctx, builtQuiz, f)),
      expectedAt: builtQuiz && (() => wholeFile(builtQuiz.file)),
    },
    {
      rel: `${folder}/exercise.yaml`,
      absent: !names.includes("exercise.yaml"),
      translate: builtExercise && ((f) => translateExercise(ctx, builtExercise, f)),
      expectedAt: builtExercise && (() => wholeFile(ctx.path(`${folder}/exercise.yaml`))),
    },
  ]);
  return { module, src, markdown };
}

// Translation: the title, and the objectives in the base file's order.

function translateModule(ctx: CourseContext, module: Draft<Module>, file: TranslationFile) {
  const tr = ctx.yaml(file.rel, ModuleTranslation);
  if (!tr) return;
  module.title[file.lang] = tr.value.title;
  const objectives = tr.value.objectives ?? [];
  if (objectives.length !== module.objectives.length)
    ctx.error(at(tr.src, ["objectives"]), `missing translation: ${module.objectives.length} objectives in module.yaml, ${objectives.length} here`);
  objectives.forEach((o, i) => {
    const target = module.objectives[i];
    if (target) target[file.lang] = o;
  });
}
