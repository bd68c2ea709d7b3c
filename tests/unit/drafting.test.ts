import type { DraftingExercise } from "../../app/content/types";
import { describe, expect, it } from "vitest";
import { emptyPrompts, parseAnswers, readDraft, MAX_TEXT } from "../../app/learning/drafting";
import { draftDocument } from "../../app/learning/export";
import { loadFixtureCourse } from "../helpers/catalog";
import { formOf } from "../helpers/answers";

const exercise = loadFixtureCourse().exercisesById.get("ex-plan") as DraftingExercise;

describe("drafting answers", () => {
  it("reads text and table cells, ignores fields that are not the exercise's, and cuts over-long text", () => {
    const answers = readDraft(exercise, formOf({ "p.p-vision": "A safe\r\ncyberspace", "p.p-plan.0.1": "MFA", "p.other": "x", "p.p-plan.9.9": "x" }));
    expect(answers["p-vision"]).toBe("A safe\ncyberspace");
    expect(answers["p-plan"]).toEqual([["", "MFA", ""], ["", "", ""], ["", "", ""]]);
    expect(Object.keys(answers)).toEqual(["p-vision", "p-plan"]);
    expect((readDraft(exercise, formOf({ "p.p-vision": "x".repeat(MAX_TEXT + 5) }))["p-vision"] as string).length).toBe(MAX_TEXT);
  });

  it("knows which prompts are still empty", () => {
    expect(emptyPrompts(exercise, readDraft(exercise, formOf({})))).toEqual(["p-vision", "p-plan"]);
    expect(emptyPrompts(exercise, readDraft(exercise, formOf({ "p.p-vision": "  ", "p.p-plan.2.2": "KPI" })))).toEqual(["p-vision"]);
  });

  it("survives stored JSON that is not an object", () => {
    expect(parseAnswers("not json")).toEqual({});
    expect(parseAnswers(null)).toEqual({});
  });

  it("exports a standalone document, escaping what the learner wrote", () => {
    const html = draftDocument({
      lang: "en",
      title: "Plan",
      learner: "A <b>",
      course: "Mini",
      date: "2026-03-01",
      prompts: [
        { id: "p-vision", kind: "text", label: "Vision", columns: [] },
        { id: "p-plan", kind: "table", label: "Plan", columns: ["Initiative", "Owner"] },
      ],
      answers: { "p-vision": "One <script>\n\nTwo", "p-plan": [["CERT", "ICT ministry"], ["", ""]] },
    });
    expect(html).toContain("<p>One &lt;script&gt;</p>\n<p>Two</p>");
    expect(html).toContain("<tr><td>CERT</td><td>ICT ministry</td></tr>");
    expect(html).not.toContain("<tr><td></td><td></td></tr>");
    expect(html).toContain("A &lt;b&gt;");
  });
});
