import { describe, expect, it } from "vitest";
import { answerPositionProblems, nearDuplicates } from "../../app/content/checks";
import type { Question } from "../../app/content/types";

// The checker's warnings on assessments that could be passed by position or by memory (issue 12):
// each test shows a pattern that must warn, and the same questions rearranged that must not.
const en = (s: string) => ({ en: s });
const base = (id: string, prompt: string) => ({ id, prompt: en(prompt), explanation: en("Because."), source: en("A/70/174"), tags: [], line: 1 });
const options = (...ids: string[]) => ids.map((o) => ({ id: o, text: en(`Option ${o}`), feedback: null, pinned: false }));
const single = (id: string, answer: string): Question => ({ ...base(id, `Question ${id}?`), type: "single", options: options("a", "b", "c"), answer });
const multiple = (id: string, answer: string[]): Question => ({ ...base(id, `Which ${id}?`), type: "multiple", options: options("a", "b", "c", "d"), answer });
const matching = (id: string, answer: Record<string, string>): Question => ({
  ...base(id, `Match ${id}.`),
  type: "matching",
  prompts: [{ id: "p1", text: en("One") }, { id: "p2", text: en("Two") }, { id: "p3", text: en("Three") }],
  options: options("x", "y", "z"),
  answer,
});

describe("answer positions", () => {
  it("warns when the correct single-choice option sits in one position in most questions, and not once it varies", () => {
    expect(answerPositionProblems(["q1", "q2", "q3", "q4"].map((id) => single(id, "a")))).toEqual([
      "the correct option is option 1 in 4 of the 4 single-choice questions: vary its position",
    ]);
    expect(answerPositionProblems([single("q1", "a"), single("q2", "b"), single("q3", "c"), single("q4", "b")])).toEqual([]);
  });

  it("warns when multiple-choice questions list their correct options first, and matching answers sit on the diagonal", () => {
    const diagonal = { p1: "x", p2: "y", p3: "z" };
    expect(answerPositionProblems([multiple("m1", ["a", "b"]), multiple("m2", ["a"]), multiple("m3", ["a", "b", "c"]), matching("t1", diagonal), matching("t2", diagonal)])).toEqual([
      "3 of the 3 multiple-choice questions list their correct options first: mix them in",
      "2 of the 2 matching questions give each prompt the option in the same position: reorder the options",
    ]);
    const mixed = { p1: "z", p2: "x", p3: "y" };
    expect(answerPositionProblems([multiple("m1", ["b", "d"]), multiple("m2", ["c"]), multiple("m3", ["a", "b", "c"]), matching("t1", mixed), matching("t2", diagonal)])).toEqual([]);
  });
});

describe("near-duplicate questions", () => {
  const quiz = { ...single("q-fw-guided", "a"), prompt: en("Which resolution asked States to be guided by the 2015 report in their use of ICTs?") };
  it("pairs an assessment question that asks what a module-quiz question asks in nearly the same words", () => {
    const same = { ...single("q-a-guided", "b"), prompt: en("Which resolution asked all States to be guided by the 2015 report in their use of ICTs?") };
    expect(nearDuplicates([quiz], [same], "en").map(([q, a]) => [q.id, a.id])).toEqual([["q-fw-guided", "q-a-guided"]]);
  });

  it("leaves an application question on the same topic alone", () => {
    const other = { ...single("q-a-speech", "b"), prompt: en("A draft speech says the 2015 norms bind every State. Which correction would you propose to the minister?") };
    expect(nearDuplicates([quiz], [other], "en")).toEqual([]);
  });
});
