import { z } from "zod";
import { analyseMarkdown, renderMarkdown } from "../markdown.server";
import { Id, Text } from "../schema";
import type { Exercise } from "../types";
import { at, wholeFile, type CourseContext, type Draft, type DraftText } from "./context";
import { overlayById, type TranslationFile } from "./translations";

const ExercisePrompt = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({ id: Id, kind: z.literal("text"), label: Text, help: Text.optional() }),
    z.strictObject({
      id: Id,
      kind: z.literal("table"),
      label: Text,
      help: Text.optional(),
      columns: z.array(Text).min(1, { error: "a table needs at least one column" }).max(8),
      rows: z.number().int().min(1).max(30).default(5),
    }),
  ],
  { error: "kind must be text or table" },
);

const ScenarioChoice = z.strictObject({
  id: Id,
  text: Text,
  /** the step this choice leads to */
  next: Id,
  /** how good a choice it is: the consequence panel's colour and verdict follow it (none: neutral) */
  quality: z.enum(["good", "partial", "poor"], { error: "quality must be good, partial or poor" }).optional(),
  consequence: Text,
  principle: Text,
});

/**
 * An exercise: `drafting` (prompts the learner answers in writing, saved, exported and reviewed) or
 * `scenario` (a branching case: each choice shows its consequence and the principle behind it).
 */
const ExerciseFile = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      id: Id,
      type: z.literal("drafting"),
      title: Text,
      instructions: Text,
      prompts: z.array(ExercisePrompt).min(1, { error: "an exercise needs at least one prompt" }),
    }),
    z.strictObject({
      id: Id,
      type: z.literal("scenario"),
      title: Text,
      instructions: Text,
      start: Id,
      steps: z
        .array(
          z.strictObject({
            id: Id,
            text: Text,
            end: z.boolean().default(false),
            choices: z.array(ScenarioChoice).default([]),
          }),
        )
        .min(2, { error: "a scenario needs at least two steps" }),
    }),
  ],
  { error: "type must be drafting or scenario" },
);

// A translation holds text only, keyed by the base file's ids.
const ExerciseTranslation = z.strictObject({
  title: Text,
  instructions: Text,
  prompts: z.array(z.strictObject({ id: Id, label: Text, help: Text.optional(), columns: z.array(Text).optional() })).optional(),
  steps: z
    .array(
      z.strictObject({
        id: Id,
        text: Text,
        choices: z.array(z.strictObject({ id: Id, text: Text, consequence: Text, principle: Text })).optional(),
      }),
    )
    .optional(),
});

/** Instructions are Markdown, compiled to sanitized HTML like a lesson's body. */
function instructionsHtml(markdown: string) {
  return renderMarkdown(analyseMarkdown(markdown).tree);
}

export function buildExercise(ctx: CourseContext, courseId: string, moduleId: string, rel: string): Draft<Exercise> | null {
  const parsed = ctx.yaml(rel, ExerciseFile);
  if (!parsed) return null;
  const { src, value: ef } = parsed;
  ctx.register(ef.id, at(src, ["id"]), "exercise");
  const common = { id: ef.id, courseId, moduleId, title: ctx.text(ef.title), instructions: ctx.text(instructionsHtml(ef.instructions)) };
  if (ef.type === "drafting") {
    const ids = ef.prompts.map((p) => p.id);
    ids.forEach((id, i) => {
      if (ids.indexOf(id) !== i) ctx.error(at(src, ["prompts", i, "id"]), `duplicate prompt id '${id}'`);
    });
    return {
      ...common,
      type: "drafting",
      prompts: ef.prompts.map((p) =>
        p.kind === "text"
          ? { id: p.id, kind: "text" as const, label: ctx.text(p.label), help: p.help ? ctx.text(p.help) : null }
          : {
              id: p.id,
              kind: "table" as const,
              label: ctx.text(p.label),
              help: p.help ? ctx.text(p.help) : null,
              columns: p.columns.map((c) => ctx.text(c)),
              rows: p.rows,
            },
      ),
    };
  }
  // A scenario is a graph of steps: every choice must lead to a step, every step be reachable.
  const stepIds = ef.steps.map((st) => st.id);
  const choiceIds = new Set<string>();
  ef.steps.forEach((st, i) => {
    const here = (...p: (string | number)[]) => at(src, ["steps", i, ...p]);
    if (stepIds.indexOf(st.id) !== i) ctx.error(here("id"), `duplicate step id '${st.id}'`);
    if (st.end && st.choices.length) ctx.error(here("choices"), `step '${st.id}' ends the scenario, so it cannot offer choices`);
    if (!st.end && st.choices.length === 0) ctx.error(here("id"), `step '${st.id}' offers no choice: add choices or mark it end: true`);
    st.choices.forEach((c, j) => {
      if (choiceIds.has(c.id)) ctx.error(here("choices", j, "id"), `duplicate choice id '${c.id}'`);
      choiceIds.add(c.id);
      if (!stepIds.includes(c.next)) ctx.error(here("choices", j, "next"), `choice '${c.id}' leads to '${c.next}', which is not a step`);
    });
  });
  if (!stepIds.includes(ef.start)) ctx.error(at(src, ["start"]), `start '${ef.start}' is not a step`);
  else {
    const reached = new Set<string>();
    const visit = (id: string) => {
      if (reached.has(id)) return;
      reached.add(id);
      for (const c of ef.steps.find((st) => st.id === id)?.choices ?? []) visit(c.next);
    };
    visit(ef.start);
    ef.steps.forEach((st, i) => {
      if (!reached.has(st.id)) ctx.warn(at(src, ["steps", i, "id"]), `step '${st.id}' cannot be reached from the start`);
    });
    if (!ef.steps.some((st) => st.end && reached.has(st.id))) ctx.error(at(src, ["start"]), "no ending can be reached from the start");
  }
  const steps = ef.steps.map((st) => ({
    id: st.id,
    text: ctx.text(st.text),
    end: st.end,
    choices: st.choices.map((c) => ({
      id: c.id,
      text: ctx.text(c.text),
      next: c.next,
      quality: c.quality ?? null,
      consequence: ctx.text(c.consequence),
      principle: ctx.text(c.principle),
    })),
  }));
  return { ...common, type: "scenario", start: ef.start, steps, stepsById: new Map(steps.map((st) => [st.id, st])) };
}

// Translation: the title, the instructions and every prompt, or every step and choice, by id.

export function translateExercise(ctx: CourseContext, exercise: Draft<Exercise>, file: TranslationFile) {
  const tr = ctx.yaml(file.rel, ExerciseTranslation);
  if (!tr) return;
  const set = (l: DraftText, v: string) => {
    l[file.lang] = v;
  };
  set(exercise.title, tr.value.title);
  set(exercise.instructions, instructionsHtml(tr.value.instructions));
  if (exercise.type === "drafting") {
    overlayById(ctx, tr.src, ["prompts"], exercise.prompts, tr.value.prompts ?? [], (p, t) => {
      set(p.label, t.label);
      if (p.help) {
        if (t.help) set(p.help, t.help);
        else ctx.error(wholeFile(tr.src.file), `missing translation of the help of prompt '${p.id}'`);
      }
      if (p.kind === "table") {
        if (t.columns?.length !== p.columns.length) ctx.error(wholeFile(tr.src.file), `missing translation: prompt '${p.id}' has ${p.columns.length} columns`);
        else t.columns.forEach((c, i) => set(p.columns[i]!, c));
      }
    }, "exercise prompt");
  } else {
    overlayById(ctx, tr.src, ["steps"], exercise.steps, tr.value.steps ?? [], (st, t, i) => {
      set(st.text, t.text);
      overlayById(ctx, tr.src, ["steps", i, "choices"], st.choices, t.choices ?? [], (c, tc) => {
        set(c.text, tc.text);
        set(c.consequence, tc.consequence);
        set(c.principle, tc.principle);
      }, `step '${st.id}' choice`);
    }, "scenario step");
  }
}
