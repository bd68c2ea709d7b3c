import { describe, expect, it } from "vitest";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { formatProblem } from "../../app/content/types";

// The shipped courses, as the server loads them.
const { catalog, problems } = loadCatalogFromDisk("courses");

describe("the shipped courses", () => {
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
});
