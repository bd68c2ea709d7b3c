import { describe, expect, it } from "vitest";
import { drawQuestions, isCorrect, makeLayout, normaliseText, questionsPerAttempt, readResponse, score, type FormLike } from "../../app/learning/grading";
import type { Question } from "../../app/content/types";
import { loadFixtureCourse } from "../helpers/catalog";

const course = loadFixtureCourse();
const quiz = course.quizzes[0]!;
const q = (id: string) => quiz.questionsById.get(id)! as Question;

function form(fields: [string, string][]): FormLike {
  return {
    get: (name) => fields.find(([k]) => k === name)?.[1] ?? null,
    getAll: (name) => fields.filter(([k]) => k === name).map(([, v]) => v),
  };
}

function grade(id: string, fields: [string, string][]) {
  const r = readResponse(q(id), form(fields));
  if (!r.ok) throw new Error(r.error);
  return isCorrect(q(id), r.response);
}

describe("reading and grading answers", () => {
  it("single choice", () => {
    expect(grade("q-single", [["answer", "a"]])).toBe(true);
    expect(grade("q-single", [["answer", "b"]])).toBe(false);
  });

  it("multiple choice is all or nothing", () => {
    expect(grade("q-multiple", [["answer", "law"], ["answer", "cbm"]])).toBe(true);
    expect(grade("q-multiple", [["answer", "cbm"], ["answer", "law"], ["answer", "law"]])).toBe(true);
    expect(grade("q-multiple", [["answer", "law"]])).toBe(false);
    expect(grade("q-multiple", [["answer", "law"], ["answer", "cbm"], ["answer", "treaty"]])).toBe(false);
  });

  it("true/false", () => {
    expect(grade("q-tf", [["answer", "false"]])).toBe(true);
    expect(grade("q-tf", [["answer", "true"]])).toBe(false);
  });

  it("ordering from positions", () => {
    expect(grade("q-order", [["position.stock", "2"], ["position.init", "1"], ["position.prod", "3"]])).toBe(true);
    expect(grade("q-order", [["position.stock", "1"], ["position.init", "2"], ["position.prod", "3"]])).toBe(false);
  });

  it("matching needs every pair right", () => {
    expect(grade("q-match", [["match.red", "only"], ["match.clear", "any"]])).toBe(true);
    expect(grade("q-match", [["match.red", "org"], ["match.clear", "any"]])).toBe(false);
  });

  it("short text ignores case, accents, spacing and final punctuation, and accepts any language's answers", () => {
    expect(grade("q-text", [["answer", "  a/70/174. "]])).toBe(true);
    expect(grade("q-text", [["answer", "A/68/98"]])).toBe(false);
    expect(normaliseText("  Éléments   CLÉS! ")).toBe("elements cles");
    // Chinese and Arabic punctuation, Arabic-Indic digits, the elongation mark and final ى.
    expect(normaliseText("白色。")).toBe("白色");
    expect(normaliseText("A/RES/70/237؟")).toBe("a/res/70/237");
    expect(normaliseText("القرار ٧٠/٢٣٧،")).toBe("القرار 70/237");
    expect(normaliseText("۱۳(ك)")).toBe("13(ك)");
    expect(normaliseText("مبنـى")).toBe(normaliseText("مبني"));
    expect(normaliseText("أبيض")).toBe(normaliseText("ابيض"));
  });

  it("rejects answers the form could not have produced, with a message key", () => {
    expect(readResponse(q("q-single"), form([["answer", "zzz"]]))).toEqual({ ok: false, error: "quiz.error.unknownOption" });
    expect(readResponse(q("q-single"), form([]))).toEqual({ ok: false, error: "quiz.error.chooseOne" });
    expect(readResponse(q("q-multiple"), form([["answer", "law"], ["answer", "evil"]]))).toEqual({ ok: false, error: "quiz.error.unknownOption" });
    expect(readResponse(q("q-tf"), form([["answer", "maybe"]]))).toEqual({ ok: false, error: "quiz.error.chooseOne" });
    expect(readResponse(q("q-order"), form([["position.init", "1"], ["position.stock", "1"], ["position.prod", "3"]]))).toEqual({
      ok: false,
      error: "quiz.error.orderDistinct",
    });
    expect(readResponse(q("q-order"), form([["position.init", "1"], ["position.stock", "9"], ["position.prod", "3"]]))).toEqual({
      ok: false,
      error: "quiz.error.orderEveryItem",
    });
    expect(readResponse(q("q-match"), form([["match.red", "only"]]))).toEqual({ ok: false, error: "quiz.error.matchEveryPrompt" });
    expect(readResponse(q("q-match"), form([["match.red", "only"], ["match.clear", "x"]]))).toEqual({ ok: false, error: "quiz.error.unknownOption" });
    expect(readResponse(q("q-text"), form([["answer", "   "]]))).toEqual({ ok: false, error: "quiz.error.writeAnswer" });
    expect(readResponse(q("q-text"), form([["answer", "x".repeat(501)]]))).toEqual({ ok: false, error: "quiz.error.tooLong" });
  });

  it("a response of another type is never correct", () => {
    expect(isCorrect(q("q-single"), { type: "text", text: "a" })).toBe(false);
  });
});

describe("scores", () => {
  it("passes at exactly the pass mark, without floating-point doubt", () => {
    expect(score(7, 10, 70)).toMatchObject({ passed: true, percent: 70 });
    expect(score(2, 3, 67)).toMatchObject({ passed: false });
    expect(score(2, 3, 66)).toMatchObject({ passed: true });
    expect(score(0, 0, 0)).toMatchObject({ passed: false, percent: 0 });
  });
});

describe("attempt layouts", () => {
  const seeded = (start: number) => {
    let seed = start;
    return () => ((seed = (seed * 9301 + 49297) % 233280) / 233280);
  };
  const single = quiz.questions.find((x) => x.id === "q-single")!;
  if (single.type !== "single") throw new Error("fixture q-single must be single choice");
  const opt = (id: string, pinned = false) => ({ id, text: { en: id }, feedback: null, pinned });
  const wide = { ...single, id: "q-wide", options: ["a", "b", "c", "d", "e"].map((id) => opt(id)), answer: "a" };
  const pinned = { ...single, id: "q-pinned", options: [opt("a"), opt("b"), opt("c"), opt("none", true)], answer: "a" };
  const pool = (n: number) => Array.from({ length: n }, (_, i) => ({ ...single, id: `q-${i}`, tags: i % 3 === 0 ? ["application"] : ["recall"] }));

  it("keeps the authored question order when the quiz is not shuffled, and never shows an ordering solved", () => {
    const random = seeded(0);
    for (let i = 0; i < 50; i++) {
      const layout = makeLayout(quiz, random);
      expect(layout.questions.map((x) => x.id)).toEqual(quiz.questions.map((x) => x.id));
      const ordering = layout.questions.find((x) => x.id === "q-order")!;
      expect(ordering.options).not.toEqual(["init", "stock", "prod"]);
      expect([...ordering.options].sort()).toEqual(["init", "prod", "stock"]);
      expect([...layout.questions.find((x) => x.id === "q-single")!.options].sort()).toEqual(["a", "b"]);
    }
  });

  it("shuffles every question's options, so the answer's position tells nothing", () => {
    const random = seeded(7);
    const firsts = new Map<string, number>();
    for (let i = 0; i < 500; i++) {
      const [q] = makeLayout({ ...quiz, questions: [wide] }, random).questions;
      firsts.set(q!.options[0]!, (firsts.get(q!.options[0]!) ?? 0) + 1);
    }
    // Each of the five options comes first about a fifth of the time.
    expect([...firsts.keys()].sort()).toEqual(["a", "b", "c", "d", "e"]);
    for (const n of firsts.values()) expect(n).toBeGreaterThan(60);
  });

  it("keeps a pinned option last, whatever the shuffle", () => {
    const random = seeded(3);
    const orders = new Set<string>();
    for (let i = 0; i < 100; i++) {
      const [q] = makeLayout({ ...quiz, questions: [pinned] }, random).questions;
      expect(q!.options.at(-1)).toBe("none");
      orders.add(q!.options.join());
    }
    expect(orders.size).toBe(6);
  });

  it("shuffles a matching question's prompts as well as its targets", () => {
    const matching = quiz.questions.find((x) => x.type === "matching")!;
    if (matching.type !== "matching") throw new Error();
    const random = seeded(11);
    const prompts = new Set(Array.from({ length: 40 }, () => makeLayout({ ...quiz, questions: [matching] }, random).questions[0]!.prompts!.join()));
    expect(prompts.size).toBeGreaterThan(1);
    for (const p of prompts) expect(p.split(",").sort()).toEqual(matching.prompts.map((x) => x.id).sort());
  });

  it("draws N questions from a pool, in the authored order, different ones for different attempts", () => {
    const random = seeded(5);
    const pooled = { ...quiz, questions: pool(12), draw: { kind: "count" as const, count: 5 } };
    expect(questionsPerAttempt(pooled)).toBe(5);
    const draws = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const ids = makeLayout(pooled, random).questions.map((x) => x.id);
      expect(ids).toHaveLength(5);
      expect(ids).toEqual(pooled.questions.map((x) => x.id).filter((id) => ids.includes(id)));
      draws.add(ids.join());
    }
    expect(draws.size).toBeGreaterThan(10);
  });

  it("draws N per tag", () => {
    const random = seeded(9);
    const pooled = { ...quiz, questions: pool(12), draw: { kind: "perTag" as const, perTag: { application: 2, recall: 3 } } };
    expect(questionsPerAttempt(pooled)).toBe(5);
    for (let i = 0; i < 20; i++) {
      const drawn = drawQuestions(pooled, random);
      expect(drawn.filter((q) => q.tags.includes("application"))).toHaveLength(2);
      expect(drawn.filter((q) => q.tags.includes("recall"))).toHaveLength(3);
    }
  });

  it("shuffles questions when the quiz asks for it", () => {
    const shuffledQuiz = { ...quiz, shuffle: true };
    const orders = new Set(Array.from({ length: 30 }, () => makeLayout(shuffledQuiz).questions.map((x) => x.id).join()));
    expect(orders.size).toBeGreaterThan(1);
  });
});
