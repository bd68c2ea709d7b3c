import { describe, expect, it } from "vitest";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { formatProblem } from "../../app/content/types";

// The shipped courses, as the server loads them.
const { catalog, problems } = loadCatalogFromDisk("courses");

describe("the shipped courses", () => {
  it("load without warnings either: answers spread over positions, no assessment question repeating a quiz's", () => {
    expect(problems.filter((p) => p.severity === "warning").map(formatProblem)).toEqual([]);
  });

  it("load without errors", () => {
    expect(problems.filter((p) => p.severity === "error").map(formatProblem)).toEqual([]);
    expect(catalog.byId.has("essentials")).toBe(true);
  });

  for (const course of catalog.courses) {
    describe(course.id, () => {
      for (const quiz of course.quizzes) {
        it(`${quiz.id}: every question's answer key is consistent, with an explanation and a source`, () => {
          for (const q of quiz.questions) {
            const where = `${quiz.file} ${q.id}`;
            expect(q.source, where).not.toBeNull();
            for (const lang of course.languages) {
              expect(q.prompt[lang], `${where} prompt ${lang}`).toBeTruthy();
              expect(q.explanation[lang], `${where} explanation ${lang}`).toBeTruthy();
            }
            const ids = "options" in q ? q.options.map((o) => o.id) : [];
            expect(new Set(ids).size, `${where} option ids unique`).toBe(ids.length);
            switch (q.type) {
              case "single":
                expect(ids.filter((id) => id === q.answer), where).toHaveLength(1);
                break;
              case "multiple":
                expect(q.answer.length, where).toBeGreaterThanOrEqual(1);
                expect(q.answer.every((a) => ids.includes(a)), where).toBe(true);
                expect(q.answer.length, `${where}: not every option may be correct`).toBeLessThan(ids.length);
                break;
              case "ordering":
                expect([...q.answer].sort(), where).toEqual([...ids].sort());
                break;
              case "matching":
                expect(Object.keys(q.answer).sort(), where).toEqual(q.prompts.map((p) => p.id).sort());
                expect(Object.values(q.answer).every((o) => ids.includes(o)), where).toBe(true);
                break;
              case "text":
                expect(q.answer.length, where).toBeGreaterThanOrEqual(1);
                break;
              case "truefalse":
                expect(typeof q.answer, where).toBe("boolean");
                break;
            }
          }
        });
      }
    });
  }

  // The content contract of the four full courses: enough structure for an official to learn from.
  const full = ["un-norms", "cbms", "csirt-cooperation", "national-strategy"];
  for (const id of full) {
    it(`${id} has 4–6 modules of 3–5 lessons, module quizzes of ≥8 questions in ≥4 types, an assessment of ≥15 and a glossary`, () => {
      const course = catalog.byId.get(id);
      expect(course, id).toBeDefined();
      if (!course) return;
      expect(course.modules.length).toBeGreaterThanOrEqual(4);
      expect(course.modules.length).toBeLessThanOrEqual(6);
      for (const m of course.modules) {
        expect(m.objectives.length, `${m.id} objectives`).toBeGreaterThan(0);
        expect(m.lessons.length, `${m.id} lessons`).toBeGreaterThanOrEqual(3);
        expect(m.lessons.length, `${m.id} lessons`).toBeLessThanOrEqual(5);
        expect(m.quiz, `${m.id} quiz`).not.toBeNull();
        expect(m.quiz!.questions.length, `${m.id} quiz size`).toBeGreaterThanOrEqual(8);
        expect(new Set(m.quiz!.questions.map((q) => q.type)).size, `${m.id} question types`).toBeGreaterThanOrEqual(4);
      }
      expect(course.assessment?.questions.length ?? 0).toBeGreaterThanOrEqual(15);
      expect(course.glossary.length).toBeGreaterThan(0);
      expect(course.sources.length).toBeGreaterThan(0);
    });

    it(`${id}: at least a third of its questions are application questions (tagged "application")`, () => {
      const questions = catalog.byId.get(id)!.quizzes.flatMap((q) => q.questions);
      const application = questions.filter((q) => q.tags.includes("application")).length;
      expect(application * 3, `${application} of ${questions.length}`).toBeGreaterThanOrEqual(questions.length);
    });
  }

  it("the UN framework course is complete in French and Spanish, down to every option and glossary term", () => {
    const course = catalog.byId.get("un-norms")!;
    expect(course.languages).toEqual(expect.arrayContaining(["en", "fr", "es"]));
    for (const lang of ["fr", "es"]) {
      for (const lesson of course.lessons) expect(lesson.html[lang], `${lesson.id} ${lang}`).toBeTruthy();
      for (const t of course.glossary) expect(t.definition[lang], `${t.id} ${lang}`).toBeTruthy();
      for (const quiz of course.quizzes)
        for (const q of quiz.questions)
          if ("options" in q) for (const o of q.options) expect(o.text[lang], `${quiz.id} ${q.id} ${o.id} ${lang}`).toBeTruthy();
    }
  });
});
