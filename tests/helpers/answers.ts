import type { FormLike } from "../../app/learning/grading";

/** A form of submitted fields, as `answerQuestion` reads them. */
export function formOf(fields: Record<string, string | string[]>): FormLike {
  return {
    get: (n) => (Array.isArray(fields[n]) ? fields[n]![0] : fields[n]) ?? null,
    getAll: (n) => [fields[n] ?? []].flat(),
  };
}

/** The right answers to the fixture course's quiz (tests/fixtures/courses/mini). */
export const MINI_RIGHT: Record<string, Record<string, string | string[]>> = {
  "q-single": { answer: "a" },
  "q-multiple": { answer: ["law", "cbm"] },
  "q-tf": { answer: "false" },
  "q-order": { "position.init": "1", "position.stock": "2", "position.prod": "3" },
  "q-match": { "match.red": "only", "match.clear": "any" },
  "q-text": { answer: "A/70/174" },
};
