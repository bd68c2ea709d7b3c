import type { z } from "zod";
import type { Localized, Problem } from "../types";
import { lineOf, parseYaml, validate, type YamlSource } from "../yaml";

/** Where a problem is reported. */
export interface Located {
  file: string;
  line: number;
}

/** The line of a YAML node (or of its deepest ancestor that exists). */
export function at(src: YamlSource, path: readonly PropertyKey[]): Located {
  return { file: src.file, line: lineOf(src, path) };
}

/** A problem with a file as a whole, or with a file that is absent, points at its first line. */
export function wholeFile(file: string): Located {
  return { file, line: 1 };
}

/**
 * `T` while its course is read. Text is open: each translation adds its language. The result is
 * assignable to `T` as it is, so nothing has to be cast once the course is complete.
 */
export type Draft<T> =
  T extends ReadonlyMap<infer K, infer V> ? Map<K, Draft<V>> : T extends object ? { -readonly [P in keyof T]: Draft<T[P]> } : T;

export type DraftText = Draft<Localized>;

/** One course folder: its files by path relative to the folder, and where its problems go. */
export class CourseFiles {
  constructor(
    readonly dir: string,
    private readonly files: ReadonlyMap<string, string>,
    readonly problems: Problem[],
  ) {}

  path(rel: string) {
    return `${this.dir}/${rel}`;
  }
  has(rel: string) {
    return this.files.has(rel);
  }
  read(rel: string) {
    return this.files.get(rel);
  }
  rels() {
    return this.files.keys();
  }

  error(where: Located, message: string) {
    this.problems.push({ severity: "error", ...where, message });
  }
  warn(where: Located, message: string) {
    this.problems.push({ severity: "warning", ...where, message });
  }

  /** Parses and validates one YAML file; null when it is absent or has problems (already reported). */
  /** The folder as a course, once its course.yaml has said which languages and ids it has. */
  asCourse(languages: readonly string[], retiredIds: readonly string[]) {
    return new CourseContext(this.dir, this.files, this.problems, languages, retiredIds);
  }

  yaml<T>(rel: string, schema: z.ZodType<T>): { src: YamlSource; value: T } | null {
    const text = this.files.get(rel);
    if (text === undefined) return null;
    const parsed = parseYaml(this.path(rel), text, this.problems);
    if (!parsed) return null;
    const value = validate(parsed.src, parsed.data, schema, this.problems);
    return value === null ? null : { src: parsed.src, value };
  }
}

/** A course folder once its course.yaml is read: its languages, its ids and its text. */
export class CourseContext extends CourseFiles {
  readonly base: string;
  /** the declared languages after the base, in course.yaml's order */
  readonly translations: readonly string[];
  private readonly retired: ReadonlySet<string>;
  private readonly ids = new Map<string, Located>();
  private readonly texts: DraftText[] = [];

  constructor(dir: string, files: ReadonlyMap<string, string>, problems: Problem[], languages: readonly string[], retiredIds: readonly string[]) {
    super(dir, files, problems);
    // The schema asks for at least one language.
    this.base = languages[0]!;
    this.translations = languages.slice(1);
    this.retired = new Set(retiredIds);
  }

  /** Ids are one namespace per course: progress and attempts are stored against them. */
  register(id: string, where: Located, what: string) {
    if (this.retired.has(id)) this.error(where, `${what} id '${id}' is retired (course.yaml retiredIds) and must not be reused`);
    const first = this.ids.get(id);
    if (first) this.error(where, `duplicate id '${id}' (first used at ${first.file}:${first.line})`);
    else this.ids.set(id, where);
  }

  /** Text in the base language, to which translations add theirs until `freezeText`. */
  text(value: string): DraftText {
    return this.track({ [this.base]: value });
  }
  /** Text with no language yet: a lesson's HTML, compiled once the whole course is read. */
  emptyText(): DraftText {
    return this.track({});
  }
  freezeText() {
    for (const t of this.texts) Object.freeze(t);
  }
  private track(t: DraftText) {
    this.texts.push(t);
    return t;
  }
}
