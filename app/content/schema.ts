import { z } from "zod";

/** Languages a course may be written or translated in (the six UN languages and Portuguese). */
export const CONTENT_LANGUAGES = ["en", "fr", "es", "ar", "ru", "zh", "pt"] as const;
export type ContentLanguage = (typeof CONTENT_LANGUAGES)[number];

export const Id = z
  .string({ error: "must be an id (text)" })
  .max(80, { error: "ids are at most 80 characters" })
  .regex(/^[a-z][a-z0-9-]*$/, { error: "ids use lowercase letters, digits and hyphens, starting with a letter" });
const OptionId = z
  .string({ error: "must be an option id (text)" })
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "option ids use lowercase letters, digits and hyphens" });
const Text = z.string({ error: "must be text" }).trim().min(1, { error: "must not be empty" });
const Lang = z.enum(CONTENT_LANGUAGES, { error: `must be one of ${CONTENT_LANGUAGES.join(", ")}` });

export const CourseFile = z.strictObject({
  id: Id,
  title: Text,
  summary: Text,
  languages: z.array(Lang).min(1, { error: "list at least the base language" }),
  status: z.enum(["published", "draft"]).default("published"),
  level: z.enum(["introductory", "intermediate", "advanced"]),
  hours: z.number({ error: "must be a number of hours" }).positive().max(500),
  modules: z.array(Id).min(1, { error: "a course needs at least one module" }),
  completion: z
    .strictObject({
      lessons: z.enum(["all", "none"]).default("all"),
      quizzes: z.enum(["passed", "none"]).default("passed"),
    })
    .default({ lessons: "all", quizzes: "passed" }),
  certificate: z.boolean().default(false),
  sources: z
    .array(z.strictObject({ id: Id, symbol: Text, title: Text, url: z.url({ error: "must be a URL" }).optional() }))
    .default([]),
  retiredIds: z.array(z.string()).default([]),
});
export type CourseFile = z.infer<typeof CourseFile>;

export const ModuleFile = z.strictObject({
  id: Id,
  title: Text,
  objectives: z.array(Text).default([]),
  lessons: z.array(Id).min(1, { error: "a module needs at least one lesson" }),
});
export type ModuleFile = z.infer<typeof ModuleFile>;

export const LessonFrontmatter = z.strictObject({
  id: Id,
  title: Text,
  minutes: z.number({ error: "must be a number of minutes" }).int().positive().max(180),
});

const OptionSchema = z.strictObject({ id: OptionId, text: Text, feedback: Text.optional() });
const PromptSchema = z.strictObject({ id: OptionId, text: Text });
const questionBase = { id: Id, prompt: Text, explanation: Text, source: Text.optional() };
const options = z.array(OptionSchema).min(2, { error: "give at least two options" });

export const QuestionSchema = z.discriminatedUnion(
  "type",
  [
    z.strictObject({
      ...questionBase,
      type: z.literal("single"),
      options,
      answer: z.string({ error: "a single-choice answer is one option id, not a list" }),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal("multiple"),
      options,
      answer: z.array(z.string(), { error: "a multiple-choice answer is a list of option ids" }).min(1, {
        error: "at least one option must be correct",
      }),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal("truefalse"),
      answer: z.boolean({ error: "a true/false answer is true or false" }),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal("ordering"),
      options,
      answer: z.array(z.string(), { error: "an ordering answer is the list of option ids in order" }),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal("matching"),
      prompts: z.array(PromptSchema).min(2, { error: "give at least two prompts" }),
      options,
      answer: z.record(z.string(), z.string(), { error: "a matching answer maps each prompt id to an option id" }),
    }),
    z.strictObject({
      ...questionBase,
      type: z.literal("text"),
      answer: z.array(Text, { error: "a text answer is a list of accepted answers" }).min(1, {
        error: "list at least one accepted answer",
      }),
    }),
  ],
  { error: "type must be one of single, multiple, truefalse, ordering, matching, text" },
);
export type QuestionFile = z.infer<typeof QuestionSchema>;

export const QuizFile = z.strictObject({
  id: Id,
  title: Text.optional(),
  passMark: z.number().int().min(0).max(100).default(70),
  maxAttempts: z.number().int().min(0).max(100).default(0),
  shuffle: z.boolean().default(false),
  feedback: z.enum(["immediate", "end"]).default("immediate"),
  questions: z.array(QuestionSchema).min(1, { error: "a quiz needs at least one question" }),
});
export type QuizFile = z.infer<typeof QuizFile>;

export const GlossaryFile = z.strictObject({
  terms: z.array(z.strictObject({ id: Id, term: Text, definition: Text })),
});

// Translations hold text only, keyed by the base file's ids.
export const CourseTranslation = z.strictObject({
  title: Text,
  summary: Text,
  sources: z.array(z.strictObject({ id: Id, title: Text })).optional(),
});
export const ModuleTranslation = z.strictObject({ title: Text, objectives: z.array(Text).optional() });
export const LessonTranslationFrontmatter = z.strictObject({
  id: Id,
  title: Text,
  minutes: z.number().int().positive().max(180).optional(),
});
export const QuizTranslation = z.strictObject({
  title: Text.optional(),
  questions: z.array(
    z.strictObject({
      id: Id,
      prompt: Text,
      explanation: Text,
      source: Text.optional(),
      options: z.array(OptionSchema).optional(),
      prompts: z.array(PromptSchema).optional(),
      answer: z.array(Text).optional(),
    }),
  ),
});
export const GlossaryTranslation = GlossaryFile;

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
  consequence: Text,
  principle: Text,
});

/**
 * An exercise: `drafting` (prompts the learner answers in writing, saved, exported and reviewed) or
 * `scenario` (a branching case: each choice shows its consequence and the principle behind it).
 */
export const ExerciseFile = z.discriminatedUnion(
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
export type ExerciseFile = z.infer<typeof ExerciseFile>;

export const ExerciseTranslation = z.strictObject({
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
