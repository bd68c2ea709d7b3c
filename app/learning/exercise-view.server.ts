import { pick } from "~/content/localize";
import type { DraftingExercise as Exercise } from "~/content/types";
import type { PromptView } from "~/components/exercise-form";

export function promptViews(exercise: Exercise, lang: string): PromptView[] {
  return exercise.prompts.map((p) => ({
    id: p.id,
    kind: p.kind,
    label: pick(p.label, lang),
    help: p.help ? pick(p.help, lang) : null,
    columns: p.kind === "table" ? p.columns.map((c) => pick(c, lang)) : [],
    rows: p.kind === "table" ? p.rows : 0,
  }));
}
