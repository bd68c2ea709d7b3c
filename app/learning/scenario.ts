import type { ScenarioExercise } from "~/content/types";

export interface PathEntry {
  step: string;
  choice: string;
  at: number;
}

export interface RunState {
  current: string;
  path: PathEntry[];
  finished: boolean;
}

export function startState(s: ScenarioExercise): RunState {
  return { current: s.start, path: [], finished: s.stepsById.get(s.start)?.end ?? false };
}

/** Takes a choice of the current step; a choice from another step (a stale or forged form) is refused. */
export function choose(s: ScenarioExercise, state: RunState, choiceId: string, at: number): { ok: true; state: RunState } | { ok: false } {
  if (state.finished) return { ok: false };
  const step = s.stepsById.get(state.current);
  const choice = step?.choices.find((c) => c.id === choiceId);
  if (!step || !choice) return { ok: false };
  const next = s.stepsById.get(choice.next);
  if (!next) return { ok: false };
  return { ok: true, state: { current: next.id, path: [...state.path, { step: step.id, choice: choice.id, at }], finished: next.end } };
}
