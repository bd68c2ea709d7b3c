import fs from "node:fs";
import path from "node:path";
import { CourseFiles, wholeFile } from "./kinds/context";
import { buildCourse } from "./kinds/course";
import type { Catalog, Course, Problem } from "./types";

export { WORDS_PER_MINUTE } from "./kinds/lesson";

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

/** Builds every course folder under `root` (one level down; `_name` folders are drafts, left out). */
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
  const courseFiles = new Map<string, string>(); // course id → its course.yaml
  for (const [dir, courseTree] of [...byCourseDir].sort(([a], [b]) => a.localeCompare(b))) {
    const course = buildCourse(new CourseFiles(prefix + dir, courseTree, problems));
    if (!course) continue;
    const file = `${course.dir}/course.yaml`;
    const first = courseFiles.get(course.id);
    if (first) {
      problems.push({ severity: "error", ...wholeFile(file), message: `duplicate course id '${course.id}' (also used in ${first})` });
      continue;
    }
    courseFiles.set(course.id, file);
    courses.push(course);
  }
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { catalog: { courses, byId: new Map(courses.map((c) => [c.id, c])), loadedAt: Date.now() }, problems };
}
