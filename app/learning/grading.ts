import type { Option, Question, Quiz } from "~/content/types";

/** A learner's response, in the shape its question type needs. Stored as JSON with the answer. */
export type Response =
  | { type: "single"; option: string }
  | { type: "multiple"; options: string[] }
  | { type: "truefalse"; value: boolean }
  | { type: "ordering"; order: string[] }
  | { type: "matching"; matches: Record<string, string> }
  | { type: "text"; text: string };

/** Message keys (see app/i18n) for answers the form could not have produced or that are incomplete. */
export type ResponseError =
  | "quiz.error.chooseOne"
  | "quiz.error.chooseAtLeastOne"
  | "quiz.error.unknownOption"
  | "quiz.error.orderEveryItem"
  | "quiz.error.orderDistinct"
  | "quiz.error.matchEveryPrompt"
  | "quiz.error.writeAnswer"
  | "quiz.error.tooLong";

export interface FormLike {
  get(name: string): unknown;
  getAll(name: string): unknown[];
}

const str = (v: unknown) => (typeof v === "string" ? v : "");

/**
 * Reads a question's answer from submitted form fields: `answer` (single, truefalse, text; repeated for
 * multiple), `position.<option>` (ordering) and `match.<prompt>` (matching). Anything the form could
 * not have sent — an option that is not in the question, a duplicate position — is rejected.
 */
export function readResponse(q: Question, form: FormLike): { ok: true; response: Response } | { ok: false; error: ResponseError } {
  switch (q.type) {
    case "single": {
      const v = str(form.get("answer"));
      if (!v) return { ok: false, error: "quiz.error.chooseOne" };
      if (!q.options.some((o) => o.id === v)) return { ok: false, error: "quiz.error.unknownOption" };
      return { ok: true, response: { type: "single", option: v } };
    }
    case "multiple": {
      const vs = [...new Set(form.getAll("answer").map(str).filter(Boolean))];
      if (vs.length === 0) return { ok: false, error: "quiz.error.chooseAtLeastOne" };
      if (vs.some((v) => !q.options.some((o) => o.id === v))) return { ok: false, error: "quiz.error.unknownOption" };
      return { ok: true, response: { type: "multiple", options: vs } };
    }
    case "truefalse": {
      const v = str(form.get("answer"));
      if (v !== "true" && v !== "false") return { ok: false, error: "quiz.error.chooseOne" };
      return { ok: true, response: { type: "truefalse", value: v === "true" } };
    }
    case "ordering": {
      const positions = q.options.map((o) => ({ id: o.id, pos: Number(str(form.get(`position.${o.id}`))) }));
      if (positions.some((p) => !Number.isInteger(p.pos) || p.pos < 1 || p.pos > q.options.length))
        return { ok: false, error: "quiz.error.orderEveryItem" };
      if (new Set(positions.map((p) => p.pos)).size !== positions.length) return { ok: false, error: "quiz.error.orderDistinct" };
      return { ok: true, response: { type: "ordering", order: positions.sort((a, b) => a.pos - b.pos).map((p) => p.id) } };
    }
    case "matching": {
      const matches: Record<string, string> = {};
      for (const p of q.prompts) {
        const v = str(form.get(`match.${p.id}`));
        if (!v) return { ok: false, error: "quiz.error.matchEveryPrompt" };
        if (!q.options.some((o) => o.id === v)) return { ok: false, error: "quiz.error.unknownOption" };
        matches[p.id] = v;
      }
      return { ok: true, response: { type: "matching", matches } };
    }
    case "text": {
      const v = str(form.get("answer")).trim();
      if (!v) return { ok: false, error: "quiz.error.writeAnswer" };
      if (v.length > 500) return { ok: false, error: "quiz.error.tooLong" };
      return { ok: true, response: { type: "text", text: v } };
    }
  }
}

/**
 * Case, accents, inner spacing and trailing punctuation do not change a short-text answer, in any of
 * the six languages: Chinese and Arabic full stops, commas and question marks count as punctuation;
 * Arabic-Indic digits (which Arabic phone keyboards type) as the digits they are; the Arabic
 * elongation mark as nothing; and final ى as ي, which many writers use for it.
 */
export function normaliseText(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x06f0))
    .replace(/\u0640/g, "")
    .replace(/\u0649/g, "\u064A")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!?;:,\u3002\u3001\u060C\u061B\u061F\u06D4]+$/u, "")
    .trim();
}

/** True when the response is fully right. All-or-nothing: a question scores 1 or 0. */
export function isCorrect(q: Question, r: Response): boolean {
  if (q.type !== r.type) return false;
  switch (q.type) {
    case "single":
      return r.type === "single" && r.option === q.answer;
    case "multiple": {
      if (r.type !== "multiple") return false;
      const chosen = new Set(r.options);
      return chosen.size === q.answer.length && q.answer.every((a) => chosen.has(a));
    }
    case "truefalse":
      return r.type === "truefalse" && r.value === q.answer;
    case "ordering":
      return r.type === "ordering" && r.order.length === q.answer.length && r.order.every((id, i) => id === q.answer[i]);
    case "matching":
      return r.type === "matching" && q.prompts.every((p) => r.matches[p.id] === q.answer[p.id]);
    case "text": {
      if (r.type !== "text") return false;
      const given = normaliseText(r.text);
      return q.answer.some((a) => normaliseText(a) === given);
    }
  }
}

export interface Score {
  correct: number;
  total: number;
  /** 0–100, not rounded */
  percent: number;
  passed: boolean;
}

export function score(correct: number, total: number, passMark: number): Score {
  const percent = total === 0 ? 0 : (correct / total) * 100;
  // Integer comparison: 7 of 10 at a pass mark of 70 passes, with no floating-point doubt.
  return { correct, total, percent, passed: total > 0 && correct * 100 >= passMark * total };
}

/** The questions of one attempt, in order, with each question's option (and matching prompt) order. */
export interface AttemptLayout {
  questions: { id: string; options: string[]; prompts?: string[] }[];
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/** The questions an attempt asks: the whole quiz, or a draw from its pool, in the authored order. */
export function drawQuestions(quiz: Pick<Quiz, "questions" | "draw">, random: () => number): Question[] {
  const { draw } = quiz;
  if (draw.kind === "all") return [...quiz.questions];
  const chosen = new Set<string>();
  if (draw.kind === "count") for (const q of shuffled(quiz.questions, random).slice(0, draw.count)) chosen.add(q.id);
  else
    for (const [tag, n] of Object.entries(draw.perTag)) {
      const candidates = quiz.questions.filter((q) => q.tags.includes(tag) && !chosen.has(q.id));
      for (const q of shuffled(candidates, random).slice(0, n)) chosen.add(q.id);
    }
  return quiz.questions.filter((q) => chosen.has(q.id));
}

/** How many questions one attempt asks. */
export function questionsPerAttempt(quiz: Pick<Quiz, "questions" | "draw">): number {
  const { draw } = quiz;
  if (draw.kind === "all") return quiz.questions.length;
  if (draw.kind === "count") return draw.count;
  return Object.values(draw.perTag).reduce((n, k) => n + k, 0);
}

/** Options in a random order, pinned ones ("none of the above") last in their authored order. */
function shuffledOptions(options: readonly Option[], random: () => number): string[] {
  return [...shuffled(options.filter((o) => !o.pinned), random), ...options.filter((o) => o.pinned)].map((o) => o.id);
}

/**
 * Fixes an attempt's questions and orders when it starts, and it is stored with the attempt, so a
 * resumed attempt looks as it did. Options (and matching prompts) are shuffled in every quiz, so an
 * answer's position tells nothing; the questions themselves only with the quiz's `shuffle`.
 */
export function makeLayout(quiz: Quiz, random: () => number = Math.random): AttemptLayout {
  const drawn = drawQuestions(quiz, random);
  const questions = quiz.shuffle ? shuffled(drawn, random) : drawn;
  return {
    questions: questions.map((q) => {
      if (!("options" in q)) return { id: q.id, options: [] };
      let options = shuffledOptions(q.options, random);
      // An ordering that happens to come out already solved gives the answer away: rotate it.
      if (q.type === "ordering" && options.length > 1 && options.every((id, i) => id === q.answer[i]))
        options = [...options.slice(1), options[0]!];
      if (q.type === "matching") return { id: q.id, options, prompts: shuffled(q.prompts.map((p) => p.id), random) };
      return { id: q.id, options };
    }),
  };
}
