import type { DraftingExercise as Exercise } from "~/content/types";
import type { FormLike } from "./grading";

/** A learner's answers: text for a text prompt, rows × columns of cells for a table prompt. */
export type DraftAnswers = Record<string, string | string[][]>;

export const MAX_TEXT = 20_000;
export const MAX_CELL = 1_000;

/**
 * Reads the exercise's fields from a form: `p.<prompt>` for text, `p.<prompt>.<row>.<col>` for table
 * cells. Only the exercise's own prompts are read; over-long text is cut, never refused, so a save
 * always keeps what was typed.
 */
export function readDraft(exercise: Exercise, form: FormLike): DraftAnswers {
  const str = (v: unknown) => (typeof v === "string" ? v.replace(/\r\n/g, "\n") : "");
  const answers: DraftAnswers = {};
  for (const p of exercise.prompts) {
    if (p.kind === "text") answers[p.id] = str(form.get(`p.${p.id}`)).slice(0, MAX_TEXT);
    else
      answers[p.id] = Array.from({ length: p.rows }, (_, r) =>
        Array.from({ length: p.columns.length }, (_, c) => str(form.get(`p.${p.id}.${r}.${c}`)).slice(0, MAX_CELL)),
      );
  }
  return answers;
}

/** The prompts still empty; a draft can be saved at any time but submitted only when none is. */
export function emptyPrompts(exercise: Exercise, answers: DraftAnswers): string[] {
  return exercise.prompts
    .filter((p) => {
      const a = answers[p.id];
      return typeof a === "string" ? a.trim() === "" : !a || a.every((row) => row.every((cell) => cell.trim() === ""));
    })
    .map((p) => p.id);
}

export function parseAnswers(json: string | undefined | null): DraftAnswers {
  if (!json) return {};
  try {
    const v = JSON.parse(json) as unknown;
    return v && typeof v === "object" ? (v as DraftAnswers) : {};
  } catch {
    return {};
  }
}
