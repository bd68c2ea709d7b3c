// Validates every course under COURSES_DIR (default courses/) and prints each problem as file:line: message.
import { loadCatalogFromDisk } from "../app/content/loader.server";
import { formatProblem } from "../app/content/types";

const root = process.argv[2] ?? process.env.COURSES_DIR ?? "courses";
const started = performance.now();
const { catalog, problems } = loadCatalogFromDisk(root);
for (const p of problems) console.log(formatProblem(p));
const errors = problems.filter((p) => p.severity === "error").length;
const warnings = problems.length - errors;
const questions = catalog.courses.reduce((n, c) => n + c.quizzes.reduce((m, q) => m + q.questions.length, 0), 0);
const lessons = catalog.courses.reduce((n, c) => n + c.lessons.length, 0);
console.log(
  `${catalog.courses.length} course(s), ${lessons} lesson(s), ${questions} question(s) checked in ${Math.round(performance.now() - started)} ms: ` +
    `${errors} error(s), ${warnings} warning(s)`,
);
process.exit(errors > 0 ? 1 : 0);
