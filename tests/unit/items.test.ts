import { describe, expect, it } from "vitest";
import { itemAnalysis, type ScoredAttempt } from "../../app/reports/items";

const attempt = (right: string[], all = ["q1", "q2", "q3"]): ScoredAttempt => ({
  score: right.length / all.length,
  answers: new Map(all.map((q) => [q, right.includes(q)])),
});

describe("item analysis", () => {
  it("computes facility and the upper–lower discrimination index, most missed first", () => {
    // 10 attempts: five strong (q1+q2), three with q1 only, two with q3 only.
    const attempts = [
      ...Array.from({ length: 5 }, () => attempt(["q1", "q2"])),
      ...Array.from({ length: 3 }, () => attempt(["q1"])),
      ...Array.from({ length: 2 }, () => attempt(["q3"])),
    ];
    // k = round(10 × 0.27) = 3. Upper group: three q1+q2 attempts. Lower group: one q1-only, two q3-only.
    // q1: 8/10 right; upper 3/3, lower 1/3 → 0.67.  q2: 5/10; 1 − 0 = 1.  q3: 2/10; 0 − 2/3 = −0.67.
    const stats = itemAnalysis(attempts, ["q1", "q2", "q3"]);
    expect(stats).toEqual([
      { questionId: "q3", answered: 10, correct: 2, facility: 20, discrimination: -0.67 },
      { questionId: "q2", answered: 10, correct: 5, facility: 50, discrimination: 1 },
      { questionId: "q1", answered: 10, correct: 8, facility: 80, discrimination: 0.67 },
    ]);
  });

  it("leaves discrimination empty below 10 attempts, and facility empty for an unanswered question", () => {
    const stats = itemAnalysis([attempt(["q1"], ["q1"])], ["q1", "q9"]);
    expect(stats).toEqual([
      { questionId: "q1", answered: 1, correct: 1, facility: 100, discrimination: null },
      { questionId: "q9", answered: 0, correct: 0, facility: null, discrimination: null },
    ]);
  });
});
