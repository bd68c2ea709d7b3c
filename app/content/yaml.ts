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

/** Every field name a schema knows, at any depth: the vocabulary for "did you mean". */
function fieldNames(schema: unknown, out = new Set<string>(), seen = new Set<unknown>()): Set<string> {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | null)?._zod?.def;
  if (!def || seen.has(def)) return out;
  seen.add(def);
  if (def.shape) for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) out.add(k), fieldNames(v, out, seen);
  for (const k of ["innerType", "element", "in", "out", "valueType"]) if (def[k]) fieldNames(def[k], out, seen);
  if (Array.isArray(def.options)) for (const o of def.options) fieldNames(o, out, seen);
  return out;
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const here = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1]!.toLowerCase() === b[j - 1]!.toLowerCase() ? 0 : 1));
      prev = here;
    }
  }
  return row[b.length]!;
}

/** The known name a misspelt one most likely meant, if any is close enough. */
export function closestName(name: string, known: Iterable<string>): string | null {
  let best: string | null = null;
  let bestDistance = Math.max(1, Math.floor(name.length / 3)) + 1;
  for (const k of known) {
    const d = editDistance(name, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best;
}

type Issue = z.core.$ZodIssue;
const isMissing = (issue: Issue) => "input" in issue && issue.input === undefined && issue.path.length > 0;
const samePath = (a: readonly PropertyKey[], b: readonly PropertyKey[]) => a.length === b.length && a.every((k, i) => k === b[i]);

function objectAt(data: unknown, path: readonly PropertyKey[]): Record<string, unknown> | null {
  let node = data;
  for (const k of path) node = node && typeof node === "object" ? (node as Record<PropertyKey, unknown>)[k] : undefined;
  return node && typeof node === "object" ? (node as Record<string, unknown>) : null;
}

/**
 * Validates `data` against `schema`, reporting each issue at its own line: every independent mistake
 * in one run, none invented. An unknown field is reported with the known name it most likely meant;
 * when that name is one the object lacks, the value is read under it, so a misspelt field is one
 * error, not also "missing". When unknown fields were the only trouble, the rest of the file is
 * still returned (with its errors already reported), so the checks that need it (answer keys,
 * duplicate ids, translations) still run.
 */
export function validate<S extends z.ZodType>(
  src: YamlSource,
  data: unknown,
  schema: S,
  problems: Problem[],
): z.infer<S> | null {
  const first = schema.safeParse(data, { reportInput: true });
  if (first.success) return first.data;
  const report = (line: number, message: string) => problems.push({ severity: "error", file: src.file, line, message });
  const unknown = first.error.issues.filter((i) => i.code === "unrecognized_keys");
  const others = first.error.issues.filter((i) => i.code !== "unrecognized_keys");
  const vocabulary = fieldNames(schema);
  const repaired = structuredClone(data);
  const standsFor: Issue[] = [];
  for (const issue of unknown) {
    if (issue.code !== "unrecognized_keys") continue;
    const target = objectAt(repaired, issue.path);
    const missingHere = others.filter((o) => isMissing(o) && samePath(o.path.slice(0, -1), issue.path));
    for (const key of issue.keys) {
      const lacking = closestName(key, missingHere.map((o) => String(o.path.at(-1))));
      const suggestion = lacking ?? closestName(key, vocabulary);
      report(lineOf(src, [...issue.path, key]), `unknown field '${fieldName([...issue.path, key])}'${suggestion ? ` (did you mean '${suggestion}'?)` : ""}`);
      if (!target) continue;
      if (lacking) {
        target[lacking] = target[key];
        standsFor.push(...missingHere.filter((o) => String(o.path.at(-1)) === lacking));
      }
      delete target[key];
    }
  }
  for (const issue of others) {
    if (standsFor.includes(issue)) continue;
    const where = fieldName(issue.path);
    report(lineOf(src, issue.path), isMissing(issue) ? `missing required field '${where}'` : `${where ? `${where}: ` : ""}${issue.message}`);
  }
  if (unknown.length === 0 || others.some((o) => !standsFor.includes(o))) return null;
  const second = schema.safeParse(repaired);
  return second.success ? second.data : null;
}
