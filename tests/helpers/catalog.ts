import { buildCatalog, readContentTree } from "../../app/content/loader.server";
import { formatProblem } from "../../app/content/types";

export const FIXTURE_ROOT = "tests/fixtures/courses";

/** The valid fixture course as a file map, so a test can break one file and check the message. */
export function fixtureFiles(): Map<string, string> {
  return readContentTree(FIXTURE_ROOT);
}

export function check(files: Map<string, string>) {
  const { catalog, problems } = buildCatalog(files, FIXTURE_ROOT);
  return {
    catalog,
    errors: problems.filter((p) => p.severity === "error").map(formatProblem),
    warnings: problems.filter((p) => p.severity === "warning").map(formatProblem),
  };
}

/** Replaces `from` by `to` in one file of the mini fixture course (failing loudly if `from` is not there). */
export function edit(files: Map<string, string>, rel: string, from: string | RegExp, to: string) {
  const key = `${FIXTURE_ROOT}/mini/${rel}`;
  const text = files.get(key);
  if (text === undefined) throw new Error(`no fixture file ${key}`);
  const next = text.replace(from, to);
  if (next === text) throw new Error(`'${String(from)}' not found in ${key}`);
  files.set(key, next);
  return files;
}

export function loadFixtureCourse() {
  const { catalog, errors } = check(fixtureFiles());
  if (errors.length) throw new Error(errors.join("\n"));
  return catalog.byId.get("mini")!;
}
