import fs from "node:fs";
import path from "node:path";
import { analyseMarkdown, renderMarkdown, splitFrontmatter, type AnalysedMarkdown } from "./markdown.server";
import {
  CONTENT_LANGUAGES,
  CourseFile,
  CourseTranslation,
  ExerciseFile,
  ExerciseTranslation,
  GlossaryFile,
  GlossaryTranslation,
  LessonFrontmatter,
  LessonTranslationFrontmatter,
  ModuleFile,
  ModuleTranslation,
  QuizFile,
  QuizTranslation,
  type QuestionFile,
} from "./schema";
import type { Catalog, Course, Exercise, GlossaryTerm, Lesson, Localized, Module, Option, Problem, Question, Quiz, Source } from "./types";
import { lineOf, parseYaml, validate, type YamlSource } from "./yaml";

/** Words a minute assumed for declared reading times: many learners read in a second language. */
export const WORDS_PER_MINUTE = 150;

/** Reads every course file under `root` into a map of posix path (as given, joined) → text. */
export function readContentTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string, depth: number) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".")) continue;
      const full = path.posix.join(dir, entry.name);
      if (entry.isDirectory() && depth < 3) walk(full, depth + 1);
      else if (entry.isFile() && /\.(ya?ml|md)$/.test(entry.name)) files.set(full, fs.readFileSync(full, "utf8"));
    }
  };
  walk(root.split(path.sep).join("/"), 0);
  return files;
}

export function loadCatalogFromDisk(root: string): { catalog: Catalog; problems: Problem[] } {
  return buildCatalog(readContentTree(root), root.split(path.sep).join("/"));
}

interface Located {
  file: string;
  line: number;
}

/** Splits "name.fr.yaml" into base name and language; a suffix that is not a language is part of the name. */
function languageOf(fileName: string): { stem: string; ext: string; lang: string | null } {
  const m = /^(.*?)(?:\.([a-z]{2}))?\.(ya?ml|md)$/.exec(fileName);
  if (!m) return { stem: fileName, ext: "", lang: null };
  const [, stem = "", lang, ext = ""] = m;
  if (lang && (CONTENT_LANGUAGES as readonly string[]).includes(lang)) return { stem, ext, lang };
  return { stem: lang ? `${stem}.${lang}` : stem, ext, lang: null };
}

export function buildCatalog(files: Map<string, string>, root: string): { catalog: Catalog; problems: Problem[] } {
  const problems: Problem[] = [];
  const prefix = root.replace(/\/+$/, "") + "/";
  const byCourseDir = new Map<string, Map<string, string>>();
  for (const [file, text] of files) {
    if (!file.startsWith(prefix)) continue;
    const rel = file.slice(prefix.length).split("/");
    if (rel.length < 2) continue; // files beside the course folders (README.md)
    const dir = rel[0]!;
    if (dir.startsWith("_")) continue;
    if (!byCourseDir.has(dir)) byCourseDir.set(dir, new Map());
    byCourseDir.get(dir)!.set(rel.slice(1).join("/"), text);
  }

  const courses: Course[] = [];
  const courseIds = new Map<string, Located>();
  for (const [dir, courseFiles] of [...byCourseDir].sort(([a], [b]) => a.localeCompare(b))) {
    const course = new CourseBuilder(prefix + dir, courseFiles, problems).build();
    if (!course) continue;
    const first = courseIds.get(course.id);
    if (first) {
      problems.push({
        severity: "error",
        file: `${course.dir}/course.yaml`,
        line: 1,
        message: `duplicate course id '${course.id}' (also used in ${first.file})`,
      });
      continue;
    }
    courseIds.set(course.id, { file: `${course.dir}/course.yaml`, line: 1 });
    courses.push(course);
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { catalog: { courses, byId: new Map(courses.map((c) => [c.id, c])), loadedAt: Date.now() }, problems };
}

interface ParsedLesson {
  id: string;
  file: string;
  title: string;
  minutes: number;
  md: AnalysedMarkdown;
  bodyLine: number;
}

class CourseBuilder {
  private ids = new Map<string, Located>();
  private retired = new Set<string>();
  private base = "en";
  private lessonLinks: { lesson: ParsedLesson }[] = [];

  constructor(
    private dir: string,
    private files: Map<string, string>,
    private problems: Problem[],
  ) {}

  private error(file: string, line: number, message: string) {
    this.problems.push({ severity: "error", file, line, message });
  }
  private warn(file: string, line: number, message: string) {
    this.problems.push({ severity: "warning", file, line, message });
  }
  private path(rel: string) {
    return `${this.dir}/${rel}`;
  }

  private register(id: string, file: string, line: number, what: string) {
    if (this.retired.has(id)) this.error(file, line, `${what} id '${id}' is retired (course.yaml retiredIds) and must not be reused`);
    const first = this.ids.get(id);
    if (first) this.error(file, line, `duplicate id '${id}' (first used at ${first.file}:${first.line})`);
    else this.ids.set(id, { file, line });
  }

  private yaml<T>(rel: string, schema: import("zod").ZodType<T>): { src: YamlSource; value: T } | null {
    const text = this.files.get(rel);
    if (text === undefined) return null;
    const parsed = parseYaml(this.path(rel), text, this.problems);
    if (!parsed) return null;
    const value = validate(parsed.src, parsed.data, schema, this.problems);
    return value === null ? null : { src: parsed.src, value };
  }

  build(): Course | null {
    const courseRel = "course.yaml";
    if (!this.files.has(courseRel)) {
      this.error(this.path(courseRel), 1, "missing course.yaml: every course folder needs one");
      return null;
    }
    const parsed = this.yaml(courseRel, CourseFile);
    if (!parsed) return null;
    const { src: courseSrc, value: cf } = parsed;
    this.retired = new Set(cf.retiredIds);
    const base = cf.languages[0]!;
    this.base = base;
    const translations: string[] = cf.languages.slice(1);
    cf.languages.forEach((l, i) => {
      if (cf.languages.indexOf(l) !== i) this.error(courseSrc.file, lineOf(courseSrc, ["languages", i]), `language '${l}' is listed twice`);
    });

    const sources: Source[] = cf.sources.map((s, i) => {
      this.register(s.id, courseSrc.file, lineOf(courseSrc, ["sources", i, "id"]), "source");
      return { id: s.id, symbol: s.symbol, title: { [base]: s.title }, url: s.url ?? null };
    });

    // Group the course's files: root files and one group per module folder.
    const folders = new Map<string, string[]>();
    const rootFiles: string[] = [];
    for (const rel of this.files.keys()) {
      const parts = rel.split("/");
      if (parts.length === 1) rootFiles.push(rel);
      else if (parts.length === 2) {
        if (!folders.has(parts[0]!)) folders.set(parts[0]!, []);
        folders.get(parts[0]!)!.push(parts[1]!);
      } else this.warn(this.path(rel), 1, "file too deep in the course folder; it is ignored");
    }

    const modules = new Map<string, { module: Module; file: string; src: YamlSource }>();
    for (const [folder, names] of [...folders].sort(([a], [b]) => a.localeCompare(b))) {
      const m = this.buildModule(cf.id, folder, names, base, translations);
      if (!m) continue;
      if (modules.has(m.module.id)) continue; // reported by register()
      modules.set(m.module.id, m);
    }

    const orderedModules: Module[] = [];
    cf.modules.forEach((id, i) => {
      const line = lineOf(courseSrc, ["modules", i]);
      if (cf.modules.indexOf(id) !== i) this.error(courseSrc.file, line, `module '${id}' is listed twice`);
      else if (!modules.has(id)) this.error(courseSrc.file, line, `module '${id}' is listed but no module.yaml has that id`);
      else orderedModules.push(modules.get(id)!.module);
    });
    for (const [id, m] of modules) {
      if (!cf.modules.includes(id)) this.error(m.file, lineOf(m.src, ["id"]), `module '${id}' is not listed in course.yaml modules`);
    }

    let glossary: GlossaryTerm[] = [];
    const g = this.yaml("glossary.yaml", GlossaryFile);
    if (g) {
      glossary = g.value.terms.map((t, i) => {
        this.register(t.id, g.src.file, lineOf(g.src, ["terms", i, "id"]), "glossary term");
        return { id: t.id, term: { [base]: t.term }, definition: { [base]: t.definition } };
      });
    }

    let assessment: Quiz | null = null;
    if (this.files.has("assessment.yaml")) assessment = this.buildQuiz(cf.id, null, "assessment.yaml");

    const title: Record<string, string> = { [base]: cf.title };
    const summary: Record<string, string> = { [base]: cf.summary };

    // Root-level translations and unknown files.
    for (const rel of rootFiles) {
      const { stem, lang } = languageOf(rel);
      const known = ["course", "glossary", "assessment"].includes(stem) && /\.ya?ml$/.test(rel);
      if (!known) {
        if (rel !== "README.md") this.warn(this.path(rel), 1, "unknown file in the course folder; it is ignored");
        continue;
      }
      if (!lang || lang === base) continue;
      if (!translations.includes(lang)) {
        this.warn(this.path(rel), 1, `translation '${lang}' is not used: add ${lang} to languages in course.yaml once it is complete`);
        continue;
      }
      if (stem === "course") {
        const tr = this.yaml(rel, CourseTranslation);
        if (!tr) continue;
        title[lang] = tr.value.title;
        summary[lang] = tr.value.summary;
        for (const [i, s] of (tr.value.sources ?? []).entries()) {
          const target = sources.find((x) => x.id === s.id);
          if (!target) this.error(tr.src.file, lineOf(tr.src, ["sources", i, "id"]), `unknown source id '${s.id}'`);
          else (target.title as Record<string, string>)[lang] = s.title;
        }
      } else if (stem === "glossary") {
        const tr = this.yaml(rel, GlossaryTranslation);
        if (!tr) continue;
        this.overlayById(tr.src, ["terms"], glossary, tr.value.terms, (term, t) => {
          (term.term as Record<string, string>)[lang] = t.term;
          (term.definition as Record<string, string>)[lang] = t.definition;
        }, "glossary term");
      } else if (stem === "assessment" && assessment) {
        this.translateQuiz(assessment, rel, lang);
      }
    }
    for (const lang of translations) {
      const langLine = lineOf(courseSrc, ["languages", (cf.languages as string[]).indexOf(lang)]);
      const need = (rel: string, present: boolean) => {
        if (present && !this.files.has(rel.replace("{lang}", lang)))
          this.error(courseSrc.file, langLine, `missing translation '${lang}': ${this.path(rel.replace("{lang}", lang))} does not exist`);
      };
      need("course.{lang}.yaml", true);
      need("glossary.{lang}.yaml", g !== null);
      need("assessment.{lang}.yaml", assessment !== null);
    }

    const lessons = orderedModules.flatMap((m) => m.lessons);
    const lessonsById = new Map(lessons.map((l) => [l.id, l]));
    this.compileLessons(cf.id, lessonsById);

    const quizzes = [...orderedModules.flatMap((m) => (m.quiz ? [m.quiz] : [])), ...(assessment ? [assessment] : [])];
    return {
      id: cf.id,
      dir: this.dir,
      status: cf.status,
      level: cf.level,
      hours: cf.hours,
      baseLanguage: base,
      languages: cf.languages,
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

  private overlayById<T extends { id: string }, U extends { id: string }>(
    src: YamlSource,
    listPath: (string | number)[],
    targets: T[],
    entries: U[],
    apply: (target: T, entry: U) => void,
    what: string,
  ) {
    const seen = new Set<string>();
    entries.forEach((e, i) => {
      const target = targets.find((t) => t.id === e.id);
      if (!target) this.error(src.file, lineOf(src, [...listPath, i, "id"]), `unknown ${what} id '${e.id}' in translation`);
      else {
        seen.add(e.id);
        apply(target, e);
      }
    });
    for (const t of targets) {
      if (!seen.has(t.id)) this.error(src.file, lineOf(src, listPath), `missing translation of ${what} '${t.id}'`);
    }
  }

  // Lesson and module work ---------------------------------------------------------------------

  private buildModule(courseId: string, folder: string, names: string[], base: string, translations: string[]) {
    const moduleRel = `${folder}/module.yaml`;
    if (!names.includes("module.yaml")) {
      this.error(this.path(moduleRel), 1, "missing module.yaml: every module folder needs one");
      return null;
    }
    const parsed = this.yaml(moduleRel, ModuleFile);
    if (!parsed) return null;
    const { src, value: mf } = parsed;
    this.register(mf.id, src.file, lineOf(src, ["id"]), "module");
    if (mf.objectives.length === 0) this.warn(src.file, lineOf(src, ["id"]), `module '${mf.id}' states no learning objectives`);

    const baseLessons = new Map<string, ParsedLesson>(); // by file stem
    const lessonTr: { stem: string; lang: string; rel: string }[] = [];
    let quiz: Quiz | null = null;
    const moduleTr: { lang: string; rel: string }[] = [];
    const quizTr: { lang: string; rel: string }[] = [];
    const exerciseTr: { lang: string; rel: string }[] = [];
    let exercise: Exercise | null = null;

    for (const name of names.sort()) {
      const rel = `${folder}/${name}`;
      const { stem, ext, lang } = languageOf(name);
      if (ext === "md") {
        if (lang && lang !== base) lessonTr.push({ stem, lang, rel });
        else {
          const lesson = this.parseLesson(rel, false);
          if (lesson) {
            this.register(lesson.id, lesson.file, 2, "lesson");
            baseLessons.set(stem, lesson);
          }
        }
      } else if (stem === "module") {
        if (lang && lang !== base) moduleTr.push({ lang, rel });
      } else if (stem === "quiz") {
        if (lang && lang !== base) quizTr.push({ lang, rel });
        else quiz = this.buildQuiz(courseId, mf.id, rel);
      } else if (stem === "exercise") {
        if (lang && lang !== base) exerciseTr.push({ lang, rel });
        else exercise = this.buildExercise(courseId, mf.id, rel);
      } else {
        this.warn(this.path(rel), 1, "unknown file in the module folder; it is ignored");
      }
    }

    const byId = new Map([...baseLessons.values()].map((l) => [l.id, l]));
    const lessons: Lesson[] = [];
    mf.lessons.forEach((id, i) => {
      const line = lineOf(src, ["lessons", i]);
      if (mf.lessons.indexOf(id) !== i) this.error(src.file, line, `lesson '${id}' is listed twice`);
      else if (!byId.has(id)) this.error(src.file, line, `lesson '${id}' is listed but no lesson file in ${folder}/ has that id`);
      else {
        const l = byId.get(id)!;
        lessons.push({ id, courseId, moduleId: mf.id, minutes: l.minutes, title: { [base]: l.title }, html: {}, file: l.file });
        this.lessonLinks.push({ lesson: l });
      }
    });
    for (const l of baseLessons.values()) {
      if (!mf.lessons.includes(l.id)) this.error(l.file, 2, `lesson '${l.id}' is not listed in module.yaml lessons`);
    }
    const parsedById = new Map<string, Map<string, ParsedLesson>>(); // lesson id -> lang -> parsed
    for (const l of byId.values()) parsedById.set(l.id, new Map([[base, l]]));

    const module: Module = { id: mf.id, title: { [base]: mf.title }, objectives: mf.objectives.map((o) => ({ [base]: o })), lessons, quiz, exercise };

    for (const { lang, rel } of moduleTr) {
      if (!translations.includes(lang)) {
        this.warn(this.path(rel), 1, `translation '${lang}' is not used: add ${lang} to languages in course.yaml once it is complete`);
        continue;
      }
      const tr = this.yaml(rel, ModuleTranslation);
      if (!tr) continue;
      (module.title as Record<string, string>)[lang] = tr.value.title;
      const objectives = tr.value.objectives ?? [];
      if (objectives.length !== mf.objectives.length)
        this.error(tr.src.file, lineOf(tr.src, ["objectives"]), `missing translation: ${mf.objectives.length} objectives in module.yaml, ${objectives.length} here`);
      objectives.forEach((o, i) => {
        const target = module.objectives[i];
        if (target) (target as Record<string, string>)[lang] = o;
      });
    }
    for (const { stem, lang, rel } of lessonTr) {
      if (!translations.includes(lang)) {
        this.warn(this.path(rel), 1, `translation '${lang}' is not used: add ${lang} to languages in course.yaml once it is complete`);
        continue;
      }
      const baseLesson = baseLessons.get(stem);
      if (!baseLesson) {
        this.error(this.path(rel), 1, `translation of a lesson that does not exist: no ${folder}/${stem}.md`);
        continue;
      }
      const tr = this.parseLesson(rel, true);
      if (!tr) continue;
      if (tr.id !== baseLesson.id) {
        this.error(tr.file, 2, `translation id '${tr.id}' does not match '${baseLesson.id}' in ${folder}/${stem}.md`);
        continue;
      }
      parsedById.get(tr.id)?.set(lang, { ...tr, minutes: baseLesson.minutes });
      this.lessonLinks.push({ lesson: tr });
      const lesson = lessons.find((l) => l.id === tr.id);
      if (lesson) (lesson.title as Record<string, string>)[lang] = tr.title;
    }
    for (const { lang, rel } of quizTr) {
      if (!translations.includes(lang)) {
        this.warn(this.path(rel), 1, `translation '${lang}' is not used: add ${lang} to languages in course.yaml once it is complete`);
        continue;
      }
      if (!names.includes("quiz.yaml")) this.error(this.path(rel), 1, `translation of a quiz that does not exist: no ${folder}/quiz.yaml`);
      else if (quiz) this.translateQuiz(quiz, rel, lang);
    }
    for (const { lang, rel } of exerciseTr) {
      if (!translations.includes(lang)) {
        this.warn(this.path(rel), 1, `translation '${lang}' is not used: add ${lang} to languages in course.yaml once it is complete`);
        continue;
      }
      if (!names.includes("exercise.yaml")) this.error(this.path(rel), 1, `translation of an exercise that does not exist: no ${folder}/exercise.yaml`);
      else if (exercise) this.translateExercise(exercise, rel, lang);
    }
    for (const lang of translations) {
      if (exercise && !names.includes(`exercise.${lang}.yaml`))
        this.error(this.path(`${folder}/exercise.yaml`), 1, `missing translation '${lang}': ${this.path(`${folder}/exercise.${lang}.yaml`)} does not exist`);
      if (!names.includes(`module.${lang}.yaml`)) this.error(src.file, 1, `missing translation '${lang}': ${this.path(`${folder}/module.${lang}.yaml`)} does not exist`);
      if (quiz && !names.includes(`quiz.${lang}.yaml`)) this.error(quiz.file, 1, `missing translation '${lang}': ${this.path(`${folder}/quiz.${lang}.yaml`)} does not exist`);
      for (const [stem, l] of baseLessons) {
        if (!names.includes(`${stem}.${lang}.md`)) this.error(l.file, 1, `missing translation '${lang}': ${this.path(`${folder}/${stem}.${lang}.md`)} does not exist`);
      }
    }
    this.parsedLessons.push(...[...parsedById.entries()].map(([id, langs]) => ({ id, langs })));
    return { module, file: src.file, src };
  }

  private parsedLessons: { id: string; langs: Map<string, ParsedLesson> }[] = [];

  private parseLesson(rel: string, translation: boolean): ParsedLesson | null {
    const file = this.path(rel);
    const split = splitFrontmatter(this.files.get(rel) ?? "");
    if (!split) {
      this.error(file, 1, "a lesson starts with frontmatter between --- lines (id, title, minutes)");
      return null;
    }
    const parsed = parseYaml(file, split.frontmatter, this.problems, 1);
    if (!parsed) return null;
    const fm = validate(parsed.src, parsed.data, translation ? LessonTranslationFrontmatter : LessonFrontmatter, this.problems);
    if (!fm) return null;
    const md = analyseMarkdown(split.body);
    for (const line of md.headingOneLines)
      this.warn(file, split.bodyLine - 1 + line, "use ## headings inside a lesson: the lesson title is the page's only level-1 heading");
    if (!translation && "minutes" in fm && typeof fm.minutes === "number") {
      const expected = fm.minutes * WORDS_PER_MINUTE;
      if (md.words < expected / 2)
        this.warn(file, 4, `lesson has about ${md.words} words, less than half of the ${expected} its ${fm.minutes} minutes promise at ${WORDS_PER_MINUTE} words a minute`);
    }
    return { id: fm.id, file, title: fm.title, minutes: fm.minutes ?? 0, md, bodyLine: split.bodyLine };
  }

  /** Resolves `lesson:` links against the whole course, then renders every language once. */
  private compileLessons(courseId: string, lessonsById: Map<string, Lesson>) {
    for (const { lesson } of this.lessonLinks) {
      for (const link of lesson.md.links) {
        const line = lesson.bodyLine - 1 + link.line;
        if (link.url.startsWith("lesson:")) {
          const target = link.url.slice("lesson:".length);
          if (!lessonsById.has(target)) this.error(lesson.file, line, `broken link: no lesson with id '${target}' in this course`);
          link.node.url = `/courses/${courseId}/lessons/${target}`;
        } else if (!/^(https?:|mailto:|#)/.test(link.url)) {
          this.warn(lesson.file, line, `link '${link.url}' will be removed: use https:, mailto: or lesson:<id>`);
        }
      }
    }
    for (const { id, langs } of this.parsedLessons) {
      const lesson = lessonsById.get(id);
      if (!lesson) continue;
      for (const [lang, parsed] of langs) (lesson.html as Record<string, string>)[lang] = renderMarkdown(parsed.md.tree);
    }
  }

  // Exercises ----------------------------------------------------------------------------------

  private buildExercise(courseId: string, moduleId: string, rel: string): Exercise | null {
    const parsed = this.yaml(rel, ExerciseFile);
    if (!parsed) return null;
    const { src, value: ef } = parsed;
    this.register(ef.id, src.file, lineOf(src, ["id"]), "exercise");
    const L = (t: string): Localized => ({ [this.base]: t });
    const base = { id: ef.id, courseId, moduleId, title: L(ef.title), instructions: L(renderMarkdown(analyseMarkdown(ef.instructions).tree)) };
    if (ef.type === "drafting") {
      const ids = ef.prompts.map((p) => p.id);
      ids.forEach((id, i) => {
        if (ids.indexOf(id) !== i) this.error(src.file, lineOf(src, ["prompts", i, "id"]), `duplicate prompt id '${id}'`);
      });
      return {
        ...base,
        type: "drafting",
        prompts: ef.prompts.map((p) =>
          p.kind === "text"
            ? { id: p.id, kind: "text" as const, label: L(p.label), help: p.help ? L(p.help) : null }
            : { id: p.id, kind: "table" as const, label: L(p.label), help: p.help ? L(p.help) : null, columns: p.columns.map(L), rows: p.rows },
        ),
      };
    }
    // A scenario is a graph of steps: every choice must lead to a step, every step be reachable.
    const stepIds = ef.steps.map((st) => st.id);
    const choiceIds = new Set<string>();
    ef.steps.forEach((st, i) => {
      const at = (...p: (string | number)[]) => lineOf(src, ["steps", i, ...p]);
      if (stepIds.indexOf(st.id) !== i) this.error(src.file, at("id"), `duplicate step id '${st.id}'`);
      if (st.end && st.choices.length) this.error(src.file, at("choices"), `step '${st.id}' ends the scenario, so it cannot offer choices`);
      if (!st.end && st.choices.length === 0) this.error(src.file, at("id"), `step '${st.id}' offers no choice: add choices or mark it end: true`);
      st.choices.forEach((c, j) => {
        if (choiceIds.has(c.id)) this.error(src.file, at("choices", j, "id"), `duplicate choice id '${c.id}'`);
        choiceIds.add(c.id);
        if (!stepIds.includes(c.next)) this.error(src.file, at("choices", j, "next"), `choice '${c.id}' leads to '${c.next}', which is not a step`);
      });
    });
    if (!stepIds.includes(ef.start)) this.error(src.file, lineOf(src, ["start"]), `start '${ef.start}' is not a step`);
    else {
      const reached = new Set<string>();
      const visit = (id: string) => {
        if (reached.has(id)) return;
        reached.add(id);
        for (const c of ef.steps.find((st) => st.id === id)?.choices ?? []) visit(c.next);
      };
      visit(ef.start);
      ef.steps.forEach((st, i) => {
        if (!reached.has(st.id)) this.warn(src.file, lineOf(src, ["steps", i, "id"]), `step '${st.id}' cannot be reached from the start`);
      });
      if (!ef.steps.some((st) => st.end && reached.has(st.id))) this.error(src.file, lineOf(src, ["start"]), "no ending can be reached from the start");
    }
    const steps = ef.steps.map((st) => ({
      id: st.id,
      text: L(st.text),
      end: st.end,
      choices: st.choices.map((c) => ({ id: c.id, text: L(c.text), next: c.next, consequence: L(c.consequence), principle: L(c.principle) })),
    }));
    return { ...base, type: "scenario", start: ef.start, steps, stepsById: new Map(steps.map((st) => [st.id, st])) };
  }

  private translateExercise(exercise: Exercise, rel: string, lang: string) {
    const tr = this.yaml(rel, ExerciseTranslation);
    if (!tr) return;
    const set = (l: Localized, v: string) => ((l as Record<string, string>)[lang] = v);
    set(exercise.title, tr.value.title);
    set(exercise.instructions, renderMarkdown(analyseMarkdown(tr.value.instructions).tree));
    if (exercise.type === "drafting") {
      this.overlayById(tr.src, ["prompts"], exercise.prompts, tr.value.prompts ?? [], (p, t) => {
        set(p.label, t.label);
        if (p.help) {
          if (t.help) set(p.help, t.help);
          else this.error(tr.src.file, 1, `missing translation of the help of prompt '${p.id}'`);
        }
        if (p.kind === "table") {
          if (t.columns?.length !== p.columns.length) this.error(tr.src.file, 1, `missing translation: prompt '${p.id}' has ${p.columns.length} columns`);
          else t.columns.forEach((c, i) => set(p.columns[i]!, c));
        }
      }, "exercise prompt");
    } else {
      this.overlayById(tr.src, ["steps"], exercise.steps, tr.value.steps ?? [], (st, t) => {
        set(st.text, t.text);
        const i = (tr.value.steps ?? []).indexOf(t);
        this.overlayById(tr.src, ["steps", i, "choices"], st.choices, t.choices ?? [], (c, tc) => {
          set(c.text, tc.text);
          set(c.consequence, tc.consequence);
          set(c.principle, tc.principle);
        }, `step '${st.id}' choice`);
      }, "scenario step");
    }
  }

  // Quizzes ------------------------------------------------------------------------------------

  private buildQuiz(courseId: string, moduleId: string | null, rel: string): Quiz | null {
    const parsed = this.yaml(rel, QuizFile);
    if (!parsed) return null;
    const { src, value: qf } = parsed;
    this.register(qf.id, src.file, lineOf(src, ["id"]), "quiz");
    const questions: Question[] = [];
    qf.questions.forEach((q, i) => {
      this.register(q.id, src.file, lineOf(src, ["questions", i, "id"]), "question");
      // A question with a broken key is still kept, so its translations match; the error stops start-up.
      this.checkAnswerKey(src, ["questions", i], q);
      questions.push(toQuestion(q, this.base));
    });
    return {
      id: qf.id,
      courseId,
      moduleId,
      title: qf.title ? { [this.base]: qf.title } : null,
      passMark: qf.passMark,
      maxAttempts: qf.maxAttempts,
      shuffle: qf.shuffle,
      feedback: qf.feedback,
      questions,
      questionsById: new Map(questions.map((q) => [q.id, q])),
      file: src.file,
    };
  }

  /** Checks that the answer key points at real options. */
  private checkAnswerKey(src: YamlSource, at: (string | number)[], q: QuestionFile) {
    const err = (message: string, sub: (string | number)[] = ["answer"]) =>
      this.error(src.file, lineOf(src, [...at, ...sub]), `question '${q.id}': ${message}`);
    if (!q.source) this.warn(src.file, lineOf(src, [...at, "id"]), `question '${q.id}' has no source`);
    const optionIds = "options" in q ? q.options.map((o) => o.id) : [];
    optionIds.forEach((id, i) => {
      if (optionIds.indexOf(id) !== i) err(`duplicate option id '${id}'`, ["options", i, "id"]);
    });
    const list = optionIds.join(", ");
    switch (q.type) {
      case "single":
        if (!optionIds.includes(q.answer)) err(`answer '${q.answer}' is not one of the options (${list})`);
        break;
      case "multiple":
        for (const a of q.answer) if (!optionIds.includes(a)) err(`answer '${a}' is not one of the options (${list})`);
        if (new Set(q.answer).size !== q.answer.length) err("the answer lists an option twice");
        break;
      case "ordering":
        if (q.answer.length !== optionIds.length || new Set(q.answer).size !== q.answer.length || q.answer.some((a) => !optionIds.includes(a)))
          err(`an ordering answer lists every option exactly once (${list})`);
        break;
      case "matching": {
        const promptIds = q.prompts.map((p) => p.id);
        promptIds.forEach((id, i) => {
          if (promptIds.indexOf(id) !== i) err(`duplicate prompt id '${id}'`, ["prompts", i, "id"]);
        });
        for (const p of promptIds) if (!(p in q.answer)) err(`the answer gives no option for prompt '${p}'`);
        for (const [p, o] of Object.entries(q.answer)) {
          if (!promptIds.includes(p)) err(`answer names '${p}', which is not a prompt (${promptIds.join(", ")})`);
          if (!optionIds.includes(o)) err(`answer '${o}' for prompt '${p}' is not one of the options (${list})`);
        }
        break;
      }
      case "truefalse":
      case "text":
        break;
    }
  }

  private translateQuiz(quiz: Quiz, rel: string, lang: string) {
    const tr = this.yaml(rel, QuizTranslation);
    if (!tr) return;
    const set = (l: Localized | null, v: string | undefined) => {
      if (l && v !== undefined) (l as Record<string, string>)[lang] = v;
    };
    if (quiz.title) {
      if (tr.value.title) set(quiz.title, tr.value.title);
      else this.error(tr.src.file, 1, "missing translation of the quiz title");
    }
    this.overlayById(tr.src, ["questions"], quiz.questions, tr.value.questions, (q, t) => {
      const i = tr.value.questions.indexOf(t);
      const at = (...p: (string | number)[]) => lineOf(tr.src, ["questions", i, ...p]);
      set(q.prompt, t.prompt);
      set(q.explanation, t.explanation);
      set(q.source, t.source);
      if ("options" in q) {
        this.overlayById(tr.src, ["questions", i, "options"], q.options, t.options ?? [], (o, to) => {
          set(o.text, to.text);
          if (to.feedback !== undefined) {
            if (o.feedback) set(o.feedback, to.feedback);
            else this.error(tr.src.file, at("options"), `option '${o.id}' has no feedback in the base file to translate`);
          } else if (o.feedback) this.error(tr.src.file, at("options"), `missing translation of the feedback of option '${o.id}'`);
        }, `question '${q.id}' option`);
      } else if (t.options) this.error(tr.src.file, at("options"), `question '${q.id}' has no options to translate`);
      if (q.type === "matching") {
        this.overlayById(tr.src, ["questions", i, "prompts"], q.prompts, t.prompts ?? [], (p, tp) => set(p.text, tp.text), `question '${q.id}' prompt`);
      } else if (t.prompts) this.error(tr.src.file, at("prompts"), `question '${q.id}' has no prompts to translate`);
      if (q.type === "text") {
        if (!t.answer) this.error(tr.src.file, at("id"), `missing translation: text question '${q.id}' needs the answers accepted in '${lang}'`);
        else for (const a of t.answer) if (!q.answer.includes(a)) q.answer.push(a);
      } else if (t.answer) this.error(tr.src.file, at("answer"), `only text questions take a translated answer`);
    }, "question");
  }
}

function toQuestion(q: QuestionFile, base: string): Question {
  const L = (s: string): Localized => ({ [base]: s });
  const common = { id: q.id, prompt: L(q.prompt), explanation: L(q.explanation), source: q.source ? L(q.source) : null };
  const options = (os: { id: string; text: string; feedback?: string | undefined }[]): Option[] =>
    os.map((o) => ({ id: o.id, text: L(o.text), feedback: o.feedback ? L(o.feedback) : null }));
  switch (q.type) {
    case "single":
      return { ...common, type: q.type, options: options(q.options), answer: q.answer };
    case "multiple":
    case "ordering":
      return { ...common, type: q.type, options: options(q.options), answer: q.answer };
    case "truefalse":
      return { ...common, type: q.type, answer: q.answer };
    case "matching":
      return {
        ...common,
        type: q.type,
        prompts: q.prompts.map((p) => ({ id: p.id, text: L(p.text) })),
        options: options(q.options),
        answer: q.answer,
      };
    case "text":
      return { ...common, type: q.type, answer: [...q.answer] };
  }
}
