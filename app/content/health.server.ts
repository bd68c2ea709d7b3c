import type { Runtime } from "~/runtime.server";
import { formatProblem } from "./types";

/** What the content-health page shows: the live catalogue's size and the problems of its last load. */
export function contentHealth({ catalog, warnings, reloadErrors }: Runtime) {
  return {
    problems: [...reloadErrors, ...warnings].map(formatProblem),
    courses: catalog.courses.length,
    lessons: catalog.courses.reduce((n, c) => n + c.lessons.length, 0),
    questions: catalog.courses.reduce((n, c) => n + c.quizzes.reduce((m, q) => m + q.questions.length, 0), 0),
    loadedAt: catalog.loadedAt,
  };
}
