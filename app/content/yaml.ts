import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Document } from "yaml";
import type { z } from "zod";
import type { Problem } from "./types";

/** A parsed YAML document that can say on which line any path of it sits. */
export interface YamlSource {
  file: string;
  doc: Document;
  lc: LineCounter;
  /** lines before the YAML in its file (frontmatter starts on line 2) */
  lineOffset: number;
}

export function parseYaml(
  file: string,
  text: string,
  problems: Problem[],
  lineOffset = 0,
): { src: YamlSource; data: unknown } | null {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    for (const e of doc.errors) {
      const line = (e.linePos?.[0]?.line ?? 1) + lineOffset;
      problems.push({ severity: "error", file, line, message: `invalid YAML: ${e.message.split("\n")[0]}` });
    }
    return null;
  }
  return { src: { file, doc, lc, lineOffset }, data: doc.toJS() ?? {} };
}

/** The line of the deepest node of `path` that exists (a missing key reports its parent's line). */
export function lineOf(src: YamlSource, path: readonly PropertyKey[]): number {
  let node: unknown = src.doc.contents;
  let marker: unknown = node;
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!pair) break;
      marker = pair.key;
      node = pair.value;
    } else if (isSeq(node) && typeof key === "number") {
      node = node.items[key];
      if (!node) break;
      marker = node;
    } else break;
  }
  const range = (marker as { range?: [number, number, number] } | null)?.range;
  return (range ? src.lc.linePos(range[0]).line : 1) + src.lineOffset;
}

export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, k) => (typeof k === "number" ? `${acc}[${k}]` : acc ? `${acc}.${String(k)}` : String(k)),
    "",
  );
}

/** Validates `data` against `schema`, reporting each issue at its own line. */
export function validate<S extends z.ZodType>(
  src: YamlSource,
  data: unknown,
  schema: S,
  problems: Problem[],
): z.infer<S> | null {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) {
        const where = fieldName([...issue.path, key]);
        problems.push({ severity: "error", file: src.file, line: lineOf(src, [...issue.path, key]), message: `unknown field '${where}'` });
      }
      continue;
    }
    const where = fieldName(issue.path);
    const missing = "input" in issue && issue.input === undefined && issue.path.length > 0;
    const message = missing
      ? `missing required field '${where}'`
      : `${where ? `${where}: ` : ""}${issue.message}`;
    problems.push({ severity: "error", file: src.file, line: lineOf(src, issue.path), message });
  }
  return null;
}
