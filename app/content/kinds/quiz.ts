import { z } from "zod";
import { Id, Text } from "../schema";
import type { Option, Question, Quiz } from "../types";
import { answerPositionProblems } from "../checks";
import type { YamlSource } from "../yaml";
import { at, wholeFile, type CourseContext, type Draft, type DraftText } from "./context";
import { overlayById, type TranslationFile } from "./translations";

// A quiz (a module's quiz.yaml or the course's assessment.yaml): settings and questions of six types.
const OptionId = z
  .string({ error: "must be an option id (text)" })
  .max(80)
  .regex(/^[a-z0-9][a-z0-9-]*$/, { error: "option ids use lowercase letters, digits and hyphens" });
// `pin: last` keeps an option at the end whatever the shuffle ("none of the above").
const OptionSchema = z.strictObject({ id: OptionId, text: Text, feedback: Text.optional(), pin: z.literal("last", { error: "pin takes one value: last" }).optional() });
const TranslatedOption = z.strictObject({ id: OptionId, text: Text, feedback: Text.optional() });
const PromptSchema = z.strictObject({ id: OptionId, text: Text });
const Tag = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, { error: "tags use lowercase letters, digits and hyphens" });
const questionBase = { id: Id, prompt: Text, explanation: Text, source: Text.optional(), tags: z.array(Tag).default([]) };
const options = z.array(OptionSchema).min(2, { error: "give at least two options" });

const QuestionSchema = z.discriminatedUnion(
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
type QuestionFile = z.infer<typeof QuestionSchema>;

const QuizFile = z.strictObject({
  id: Id,
  title: Text.optional(),
  passMark: z.number().int().min(0).max(100).default(70),
  maxAttempts: z.number().int().min(0).max(100).default(0),
  shuffle: z.boolean().default(false),
  // A pool: each attempt draws this many questions, or this many of each tag.
  draw: z
    .union([z.number().int().min(1), z.strictObject({ perTag: z.record(Tag, z.number().int().min(1)) })], {
      error: "draw is a number of questions, or perTag: { tag: number, … }",
    })
    .optional(),
  feedback: z.enum(["immediate", "end"]).default("immediate"),
  questions: z.array(QuestionSchema).min(1, { error: "a quiz needs at least one question" }),
});

// A translation holds text only, keyed by the base file's ids.
const QuizTranslation = z.strictObject({
  title: Text.optional(),
  questions: z.array(
    z.strictObject({
      id: Id,
      prompt: Text,
      explanation: Text,
      source: Text.optional(),
      options: z.array(TranslatedOption).optional(),
      prompts: z.array(PromptSchema).optional(),
      answer: z.array(Text).optional(),
    }),
  ),
});

/** `moduleId` is null for the course's final assessment. */
export function buildQuiz(ctx: CourseContext, courseId: string, moduleId: string | null, rel: string): Draft<Quiz> | null {
  const parsed = ctx.yaml(rel, QuizFile);
  if (!parsed) return null;
  const { src, value: qf } = parsed;
  ctx.register(qf.id, at(src, ["id"]), "quiz");
  const questions: Draft<Question>[] = [];
  qf.questions.forEach((q, i) => {
    ctx.register(q.id, at(src, ["questions", i, "id"]), "question");
    // A question with a broken key is still kept, so its translations match; the error stops start-up.
    checkAnswerKey(ctx, src, ["questions", i], q);
    questions.push(toQuestion(ctx, q, at(src, ["questions", i]).line));
  });
  for (const message of answerPositionProblems(questions)) ctx.warn(at(src, ["questions"]), message);
  const draw = checkDraw(ctx, src, qf);
  return {
    id: qf.id,
    courseId,
    moduleId,
    title: qf.title ? ctx.text(qf.title) : null,
    passMark: qf.passMark,
    maxAttempts: qf.maxAttempts,
    shuffle: qf.shuffle,
    draw,
    feedback: qf.feedback,
    questions,
    questionsById: new Map(questions.map((q) => [q.id, q])),
    file: src.file,
  };
}

/** A pool must hold at least as many questions as an attempt draws, of each tag it draws by. */
function checkDraw(ctx: CourseContext, src: YamlSource, qf: z.infer<typeof QuizFile>): Quiz["draw"] {
  if (qf.draw === undefined) return { kind: "all" };
  if (typeof qf.draw === "number") {
    if (qf.draw > qf.questions.length) ctx.error(at(src, ["draw"]), `draw ${qf.draw} is more than the ${qf.questions.length} questions of the quiz`);
    return { kind: "count", count: Math.min(qf.draw, qf.questions.length) };
  }
  const perTag = { ...qf.draw.perTag };
  for (const [tag, n] of Object.entries(perTag)) {
    const have = qf.questions.filter((q) => q.tags.includes(tag)).length;
    if (n > have) ctx.error(at(src, ["draw", "perTag", tag]), `draw ${n} of tag '${tag}', but only ${have} question(s) carry it`);
    perTag[tag] = Math.min(n, have);
  }
  return { kind: "perTag", perTag };
}

/** Checks that the answer key points at real options. */
function checkAnswerKey(ctx: CourseContext, src: YamlSource, path: (string | number)[], q: QuestionFile) {
  const err = (message: string, sub: (string | number)[] = ["answer"]) => ctx.error(at(src, [...path, ...sub]), `question '${q.id}': ${message}`);
  if (!q.source) ctx.warn(at(src, [...path, "id"]), `question '${q.id}' has no source`);
  const optionIds = "options" in q ? q.options.map((o) => o.id) : [];
  optionIds.forEach((id, i) => {
    if (optionIds.indexOf(id) !== i) err(`duplicate option id '${id}'`, ["options", i, "id"]);
  });
  const list = optionIds.join(", ");
  switch (q.type) {
    case "single":
      if (!optionIds.includes(q.answer)) err(`answer '${q.answer}' is not one of the options (${list})`);
      break;
    case "multiple":
      for (const a of q.answer) if (!optionIds.includes(a)) err(`answer '${a}' is not one of the options (${list})`);
      if (new Set(q.answer).size !== q.answer.length) err("the answer lists an option twice");
      break;
    case "ordering":
      if (q.answer.length !== optionIds.length || new Set(q.answer).size !== q.answer.length || q.answer.some((a) => !optionIds.includes(a)))
        err(`an ordering answer lists every option exactly once (${list})`);
      break;
    case "matching": {
      const promptIds = q.prompts.map((p) => p.id);
      promptIds.forEach((id, i) => {
        if (promptIds.indexOf(id) !== i) err(`duplicate prompt id '${id}'`, ["prompts", i, "id"]);
      });
      for (const p of promptIds) if (!(p in q.answer)) err(`the answer gives no option for prompt '${p}'`);
      for (const [p, o] of Object.entries(q.answer)) {
        if (!promptIds.includes(p)) err(`answer names '${p}', which is not a prompt (${promptIds.join(", ")})`);
        if (!optionIds.includes(o)) err(`answer '${o}' for prompt '${p}' is not one of the options (${list})`);
      }
      break;
    }
    case "truefalse":
    case "text":
      break;
  }
}

function toQuestion(ctx: CourseContext, q: QuestionFile, line: number): Draft<Question> {
  const common = { id: q.id, prompt: ctx.text(q.prompt), explanation: ctx.text(q.explanation), source: q.source ? ctx.text(q.source) : null, tags: q.tags, line };
  const options = (os: { id: string; text: string; feedback?: string | undefined; pin?: "last" | undefined }[]): Draft<Option>[] =>
    os.map((o) => ({ id: o.id, text: ctx.text(o.text), feedback: o.feedback ? ctx.text(o.feedback) : null, pinned: o.pin === "last" }));
  switch (q.type) {
    case "single":
      return { ...common, type: q.type, options: options(q.options), answer: q.answer };
    case "multiple":
    case "ordering":
      return { ...common, type: q.type, options: options(q.options), answer: q.answer };
    case "truefalse":
      return { ...common, type: q.type, answer: q.answer };
    case "matching":
      return {
        ...common,
        type: q.type,
        prompts: q.prompts.map((p) => ({ id: p.id, text: ctx.text(p.text) })),
        options: options(q.options),
        answer: q.answer,
      };
    case "text":
      // A copy: translations add the answers they accept.
      return { ...common, type: q.type, answer: [...q.answer] };
  }
}

// Translation: every question, option and prompt by id; a text question also lists the answers
// accepted in that language, which join the base ones.

export function translateQuiz(ctx: CourseContext, quiz: Draft<Quiz>, file: TranslationFile) {
  const { lang } = file;
  const tr = ctx.yaml(file.rel, QuizTranslation);
  if (!tr) return;
  const set = (l: DraftText | null, v: string | undefined) => {
    if (l && v !== undefined) l[lang] = v;
  };
  if (quiz.title) {
    if (tr.value.title) set(quiz.title, tr.value.title);
    else ctx.error(wholeFile(tr.src.file), "missing translation of the quiz title");
  }
  overlayById(ctx, tr.src, ["questions"], quiz.questions, tr.value.questions, (q, t, i) => {
    const here = (...p: (string | number)[]) => at(tr.src, ["questions", i, ...p]);
    set(q.prompt, t.prompt);
    set(q.explanation, t.explanation);
    set(q.source, t.source);
    if ("options" in q) {
      overlayById(ctx, tr.src, ["questions", i, "options"], q.options, t.options ?? [], (o, to) => {
        set(o.text, to.text);
        if (to.feedback !== undefined) {
          if (o.feedback) set(o.feedback, to.feedback);
          else ctx.error(here("options"), `option '${o.id}' has no feedback in the base file to translate`);
        } else if (o.feedback) ctx.error(here("options"), `missing translation of the feedback of option '${o.id}'`);
      }, `question '${q.id}' option`);
    } else if (t.options) ctx.error(here("options"), `question '${q.id}' has no options to translate`);
    if (q.type === "matching") {
      overlayById(ctx, tr.src, ["questions", i, "prompts"], q.prompts, t.prompts ?? [], (p, tp) => set(p.text, tp.text), `question '${q.id}' prompt`);
    } else if (t.prompts) ctx.error(here("prompts"), `question '${q.id}' has no prompts to translate`);
    if (q.type === "text") {
      if (!t.answer) ctx.error(here("id"), `missing translation: text question '${q.id}' needs the answers accepted in '${lang}'`);
      else for (const a of t.answer) if (!q.answer.includes(a)) q.answer.push(a);
    } else if (t.answer) ctx.error(here("answer"), `only text questions take a translated answer`);
  }, "question");
}
