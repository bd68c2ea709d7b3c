import { pick } from "~/content/localize";
import type { Question, Quiz } from "~/content/types";
import type { T } from "~/i18n";
import type { Response } from "./grading";

/** What the browser needs to render a question: localized text, options in this attempt's order, no key. */
export interface QuestionView {
  id: string;
  type: Question["type"];
  prompt: string;
  options: { id: string; text: string }[];
  prompts: { id: string; text: string }[];
}

export interface FeedbackView {
  questionId: string;
  prompt: string;
  correct: boolean;
  yourAnswer: string;
  rightAnswer: string;
  explanation: string;
  source: string | null;
  optionFeedback: string[];
}

export function questionView(q: Question, optionOrder: string[], lang: string, promptOrder: string[] = []): QuestionView {
  const byId = new Map("options" in q ? q.options.map((o) => [o.id, o]) : []);
  return {
    id: q.id,
    type: q.type,
    prompt: pick(q.prompt, lang),
    options: optionOrder.flatMap((id) => {
      const o = byId.get(id);
      return o ? [{ id, text: pick(o.text, lang) }] : [];
    }),
    prompts:
      q.type === "matching"
        ? (promptOrder.length ? promptOrder.flatMap((id) => q.prompts.filter((p) => p.id === id)) : q.prompts).map((p) => ({ id: p.id, text: pick(p.text, lang) }))
        : [],
  };
}

function optionText(q: Question, id: string, lang: string): string {
  const o = "options" in q ? q.options.find((x) => x.id === id) : undefined;
  return o ? pick(o.text, lang) : id;
}

function describe(q: Question, r: Response, lang: string, t: T): string {
  switch (r.type) {
    case "single":
      return optionText(q, r.option, lang);
    case "multiple":
      return r.options.map((id) => optionText(q, id, lang)).join("; ");
    case "truefalse":
      return r.value ? t("quiz.true") : t("quiz.false");
    case "ordering":
      return r.order.map((id, i) => `${i + 1}. ${optionText(q, id, lang)}`).join("  ");
    case "matching":
      return q.type === "matching"
        ? q.prompts.map((p) => `${pick(p.text, lang)} → ${r.matches[p.id] ? optionText(q, r.matches[p.id]!, lang) : "—"}`).join("; ")
        : "";
    case "text":
      return r.text;
  }
}

/** The right answer expressed as a response, so it is described exactly like the learner's. */
export function keyAsResponse(q: Question): Response {
  switch (q.type) {
    case "single":
      return { type: "single", option: q.answer };
    case "multiple":
      return { type: "multiple", options: q.answer };
    case "truefalse":
      return { type: "truefalse", value: q.answer };
    case "ordering":
      return { type: "ordering", order: q.answer };
    case "matching":
      return { type: "matching", matches: q.answer };
    case "text":
      return { type: "text", text: q.answer[0] ?? "" };
  }
}

export function feedbackView(q: Question, r: Response, correct: boolean, lang: string, t: T): FeedbackView {
  const chosen = r.type === "single" ? [r.option] : r.type === "multiple" ? r.options : [];
  const optionFeedback =
    "options" in q ? q.options.filter((o) => chosen.includes(o.id) && o.feedback).map((o) => pick(o.feedback!, lang)) : [];
  return {
    questionId: q.id,
    prompt: pick(q.prompt, lang),
    correct,
    yourAnswer: describe(q, r, lang, t),
    rightAnswer: describe(q, keyAsResponse(q), lang, t),
    explanation: pick(q.explanation, lang),
    source: q.source ? pick(q.source, lang) : null,
    optionFeedback,
  };
}

/** A quiz as course staff preview it: every question in the file's order, with its options and key. */
export function quizPreview(quiz: Quiz, lang: string, t: T) {
  return quiz.questions.map((q) => ({
    id: q.id,
    prompt: pick(q.prompt, lang),
    options: "options" in q ? q.options.map((o) => pick(o.text, lang)) : [],
    rightAnswer: describe(q, keyAsResponse(q), lang, t),
    explanation: pick(q.explanation, lang),
    source: q.source ? pick(q.source, lang) : null,
  }));
}
