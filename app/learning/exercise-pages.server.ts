// What the drafting and scenario pages show and do.
import type { DB } from "@db/index";
import type { DraftStatus } from "@db/schema";
import type { SessionUser } from "~/auth/session.server";
import { pick, type CourseText } from "~/content/localize";
import type { Course, DraftingExercise, ScenarioExercise } from "~/content/types";
import { formatDate, type MessageKey } from "~/i18n";
import { paths } from "~/lib/links";
import { courseContext } from "./course-context";
import { readDraft } from "./drafting";
import { promptViews } from "./exercise-view.server";
import { getDraft, listComments, saveDraft, submitDraft } from "./exercises.server";
import { draftDocument } from "./export";
import { latestRun, recordChoice, startRun } from "./scenario.server";

const keyOf = (user: SessionUser, course: Course, exercise: { id: string }) => ({ userId: user.id, courseId: course.id, exerciseId: exercise.id });

/** The learner's drafting exercise: prompts, their answers so far, its status and the reviewer's comments. */
export async function draftView(db: DB, user: SessionUser, course: Course, text: CourseText, exercise: DraftingExercise) {
  const { lang } = text;
  const key = keyOf(user, course, exercise);
  const draft = await getDraft(db, key);
  return {
    ...courseContext(course, text),
    title: pick(exercise.title, lang),
    instructions: pick(exercise.instructions, lang),
    prompts: promptViews(exercise, lang),
    answers: draft?.answers ?? {},
    status: (draft?.status ?? "none") as DraftStatus | "none",
    updatedAt: draft?.updated_at ?? null,
    comments: await listComments(db, key),
    exportPath: paths.exerciseExport(course.id, exercise.id),
    autosavePath: paths.exerciseAutosave(course.id, exercise.id),
  };
}

export interface DraftOutcome {
  status: number;
  message: MessageKey;
  empty: string[];
  savedAt: number | null;
}

/** Saves the draft, or saves and submits it; a refused submission never loses what was written. */
export async function saveOrSubmitDraft(db: DB, user: SessionUser, course: Course, exercise: DraftingExercise, intent: "save" | "submit", form: FormData): Promise<DraftOutcome> {
  const key = keyOf(user, course, exercise);
  const answers = readDraft(exercise, form);
  if (intent === "save") {
    const saved = await saveDraft(db, key, answers);
    if (!saved.ok) return { status: 409, message: "exercise.error.locked", empty: [], savedAt: null };
    return { status: 200, message: "exercise.saved", empty: [], savedAt: saved.updatedAt };
  }
  const result = await submitDraft(db, key, exercise, answers);
  if (result.ok) return { status: 200, message: "exercise.status.submitted", empty: [], savedAt: Date.now() };
  if (result.reason === "locked") return { status: 409, message: "exercise.error.locked", empty: [], savedAt: null };
  return { status: 400, message: "exercise.error.incomplete", empty: result.empty, savedAt: Date.now() };
}

/** The learner's own draft as a document to take to their ministry. */
export async function draftExport(db: DB, user: SessionUser, course: Course, text: CourseText, exercise: DraftingExercise) {
  const { lang } = text;
  const draft = await getDraft(db, keyOf(user, course, exercise));
  return draftDocument({
    lang,
    title: pick(exercise.title, lang),
    learner: user.name,
    course: pick(course.title, lang),
    date: formatDate(draft?.updated_at ?? Date.now(), lang, "iso"),
    prompts: promptViews(exercise, lang),
    answers: draft?.answers ?? {},
  });
}

/** The scenario as the learner plays it: the step now, the consequence just earned, or the whole path at the end. */
export async function scenarioView(db: DB, user: SessionUser, course: Course, text: CourseText, scenario: ScenarioExercise, chose: string | null) {
  const { lang } = text;
  const run = await latestRun(db, keyOf(user, course, scenario));
  const stepText = (stepId: string) => pick(scenario.stepsById.get(stepId)?.text ?? {}, lang);
  const explain = (stepId: string, choiceId: string) => {
    const c = scenario.stepsById.get(stepId)?.choices.find((x) => x.id === choiceId);
    return c ? { step: stepText(stepId), choice: pick(c.text, lang), quality: c.quality, consequence: pick(c.consequence, lang), principle: pick(c.principle, lang) } : null;
  };
  const last = run?.path.at(-1);
  const current = run ? scenario.stepsById.get(run.current) : undefined;
  return {
    ...courseContext(course, text),
    title: pick(scenario.title, lang),
    instructions: pick(scenario.instructions, lang),
    state: !run ? ("new" as const) : run.finished ? ("finished" as const) : ("running" as const),
    resumed: !!run && !run.finished && run.path.length > 0 && !chose,
    // The consequence of the last choice is shown once, right after it is made (?chose=).
    justChosen: last && chose === last.choice ? explain(last.step, last.choice) : null,
    step: current ? { text: pick(current.text, lang), choices: current.choices.map((c) => ({ id: c.id, text: pick(c.text, lang) })) } : null,
    path: run?.finished ? run.path.flatMap((p) => explain(p.step, p.choice) ?? []) : [],
  };
}

/** Starts the scenario again, or records a choice; where to go next, or null for a choice not on offer. */
export async function playScenario(db: DB, user: SessionUser, course: Course, scenario: ScenarioExercise, move: { intent: "start" } | { intent: "choose"; choice: string }) {
  const key = keyOf(user, course, scenario);
  const here = paths.exercise(course.id, scenario);
  if (move.intent === "start") {
    await startRun(db, key, scenario);
    return here;
  }
  const result = await recordChoice(db, key, scenario, move.choice);
  return result.ok ? `${here}?${new URLSearchParams({ chose: move.choice })}` : null;
}
