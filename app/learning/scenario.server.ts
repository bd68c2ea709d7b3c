import { randomUUID } from "node:crypto";
import type { DB } from "@db/index";
import type { ScenarioExercise } from "~/content/types";
import { choose, startState, type PathEntry, type RunState } from "./scenario";

type Key = { userId: string; courseId: string; exerciseId: string };

function toState(row: { current_step: string; path: string; finished_at: number | null }): RunState {
  let path: PathEntry[] = [];
  try {
    path = JSON.parse(row.path) as PathEntry[];
  } catch {
    path = [];
  }
  return { current: row.current_step, path, finished: row.finished_at !== null };
}

/** The learner's latest run of the scenario (unfinished or the last finished one), or null. */
export async function latestRun(db: DB, k: Key) {
  const row = await db
    .selectFrom("scenario_runs")
    .selectAll()
    .where("user_id", "=", k.userId)
    .where("course_id", "=", k.courseId)
    .where("exercise_id", "=", k.exerciseId)
    .orderBy("started_at", "desc")
    .orderBy("id")
    .executeTakeFirst();
  return row ? { id: row.id, ...toState(row) } : null;
}

/** Starts a run, or resumes the unfinished one. */
export async function startRun(db: DB, k: Key, s: ScenarioExercise, now = Date.now()) {
  const latest = await latestRun(db, k);
  if (latest && !latest.finished) return latest.id;
  const state = startState(s);
  const id = randomUUID();
  await db
    .insertInto("scenario_runs")
    .values({ id, user_id: k.userId, course_id: k.courseId, exercise_id: k.exerciseId, path: "[]", current_step: state.current, started_at: now, finished_at: state.finished ? now : null })
    .execute();
  return id;
}

/** Records a choice in the learner's unfinished run; the path taken is kept for the learner and reviewers. */
export async function recordChoice(db: DB, k: Key, s: ScenarioExercise, choiceId: string, now = Date.now()) {
  const run = await latestRun(db, k);
  if (!run || run.finished) return { ok: false as const, reason: "no_run" as const };
  const next = choose(s, run, choiceId, now);
  if (!next.ok) return { ok: false as const, reason: "not_a_choice" as const };
  await db
    .updateTable("scenario_runs")
    .set({ path: JSON.stringify(next.state.path), current_step: next.state.current, finished_at: next.state.finished ? now : null })
    .where("id", "=", run.id)
    .where("current_step", "=", run.current) // a double post of the same choice cannot apply it twice
    .execute();
  return { ok: true as const, state: next.state };
}
