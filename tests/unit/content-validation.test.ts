import { describe, expect, it } from "vitest";
import { check, edit, fixtureFiles, FIXTURE_ROOT } from "../helpers/catalog";

const M = `${FIXTURE_ROOT}/mini`;

describe("content validation", () => {
  it("accepts the valid fixture with no problems and compiles it", () => {
    const { catalog, errors, warnings } = check(fixtureFiles());
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    const course = catalog.byId.get("mini")!;
    expect(course.lessons.map((l) => l.id)).toEqual(["l-one", "l-two"]);
    expect(course.title).toEqual({ en: "Mini course", fr: "Mini cours" });
    expect(course.quizzes[0]!.questions).toHaveLength(6);
  });

  it("sanitizes lesson HTML and rewrites lesson links", () => {
    const course = check(fixtureFiles()).catalog.byId.get("mini")!;
    const html = course.lessonsById.get("l-one")!.html.en!;
    expect(html).not.toContain("<script");
    expect(html).toContain('href="/courses/mini/lessons/l-two"');
    expect(course.lessonsById.get("l-one")!.html.fr).toContain("Les normes figurent");
  });

  it("reports an unknown field at its line, with the name it most likely meant", () => {
    const files = edit(fixtureFiles(), "01-basics/quiz.yaml", "passMark: 60", "pasMark: 60");
    expect(check(files).errors).toEqual([`${M}/01-basics/quiz.yaml:3: unknown field 'pasMark' (did you mean 'passMark'?)`]);
  });

  it("reports every independent mistake of a file in one run: an unknown field, a bad answer key and a duplicate id", () => {
    const files = edit(fixtureFiles(), "01-basics/quiz.yaml", "passMark: 60", "passmark: 60");
    edit(files, "01-basics/quiz.yaml", "    answer: a\n", "    answer: z\n");
    edit(files, "01-basics/quiz.yaml", "id: q-multiple", "id: q-single");
    const errors = check(files).errors;
    expect(errors).toContain(`${M}/01-basics/quiz.yaml:3: unknown field 'passmark' (did you mean 'passMark'?)`);
    expect(errors).toContain(`${M}/01-basics/quiz.yaml:14: question 'q-single': answer 'z' is not one of the options (a, b)`);
    expect(errors).toContain(`${M}/01-basics/quiz.yaml:17: duplicate id 'q-single' (first used at ${M}/01-basics/quiz.yaml:8)`);
  });

  it("reports a misspelt required field once, and invents no follow-on error", () => {
    const files = edit(fixtureFiles(), "01-basics/02-two.md", /^minutes:/m, "minutse:");
    expect(check(files).errors).toEqual([`${M}/01-basics/02-two.md:4: unknown field 'minutse' (did you mean 'minutes'?)`]);
  });

  it("reports a missing required field", () => {
    const files = edit(fixtureFiles(), "course.yaml", /^level: introductory\n/m, "");
    expect(check(files).errors).toEqual([`${M}/course.yaml:1: missing required field 'level'`]);
  });

  it("reports invalid YAML with its line", () => {
    const files = edit(fixtureFiles(), "01-basics/module.yaml", 'title: "Basics"', 'title: "Basics');
    const { errors } = check(files);
    expect(errors.some((e) => e.startsWith(`${M}/01-basics/module.yaml:`) && e.includes("invalid YAML"))).toBe(true);
  });

  it("reports a duplicate id where it is used again", () => {
    const files = edit(fixtureFiles(), "01-basics/quiz.yaml", "id: q-multiple", "id: q-single");
    expect(check(files).errors).toContain(`${M}/01-basics/quiz.yaml:17: duplicate id 'q-single' (first used at ${M}/01-basics/quiz.yaml:8)`);
  });

  it("refuses a retired id", () => {
    const files = edit(fixtureFiles(), "01-basics/02-two.md", "id: l-two", "id: l-old");
    edit(files, "01-basics/02-two.fr.md", "id: l-two", "id: l-old");
    edit(files, "01-basics/module.yaml", "lessons: [l-one, l-two]", "lessons: [l-one, l-old]");
    edit(files, "01-basics/01-one.md", "lesson:l-two", "lesson:l-old");
    edit(files, "01-basics/01-one.fr.md", "lesson:l-two", "lesson:l-old");
    expect(check(files).errors).toContain(`${M}/01-basics/02-two.md:2: lesson id 'l-old' is retired (course.yaml retiredIds) and must not be reused`);
  });

  it("reports an answer key pointing at no option", () => {
    const files = edit(fixtureFiles(), "01-basics/quiz.yaml", "    answer: a\n", "    answer: z\n");
    // Exactly one error: the broken key does not cascade into "unknown question" in the translation.
    expect(check(files).errors).toEqual([`${M}/01-basics/quiz.yaml:14: question 'q-single': answer 'z' is not one of the options (a, b)`]);
  });

  it("reports a single-choice answer given as a list", () => {
    const files = edit(fixtureFiles(), "01-basics/quiz.yaml", "    answer: a\n", "    answer: [a]\n");
    expect(check(files).errors).toContain(`${M}/01-basics/quiz.yaml:14: questions[0].answer: a single-choice answer is one option id, not a list`);
  });

  it("reports an ordering answer that is not a permutation and an incomplete matching key", () => {
    const files = edit(fixtureFiles(), "01-basics/quiz.yaml", "answer: [init, stock, prod]", "answer: [init, stock, stock]");
    edit(files, "01-basics/quiz.yaml", "answer: { red: only, clear: any }", "answer: { red: only }");
    const { errors } = check(files);
    expect(errors).toContain(`${M}/01-basics/quiz.yaml:40: question 'q-order': an ordering answer lists every option exactly once (init, stock, prod)`);
    expect(errors).toContain(`${M}/01-basics/quiz.yaml:53: question 'q-match': the answer gives no option for prompt 'clear'`);
  });

  it("reports a broken lesson link at the link's line", () => {
    const files = edit(fixtureFiles(), "01-basics/01-one.md", "lesson:l-two", "lesson:l-three");
    expect(check(files).errors).toContain(`${M}/01-basics/01-one.md:6: broken link: no lesson with id 'l-three' in this course`);
  });

  it("requires each translation to say whether a native speaker has reviewed it, and keeps the unreviewed ones", () => {
    expect(check(fixtureFiles()).catalog.byId.get("mini")!.unreviewed).toEqual([]);
    const awaiting = edit(fixtureFiles(), "course.fr.yaml", "review: reviewed", "review: awaiting");
    expect(check(awaiting).catalog.byId.get("mini")!.unreviewed).toEqual(["fr"]);
    const silent = edit(fixtureFiles(), "course.fr.yaml", "review: reviewed\n", "");
    expect(check(silent).errors).toEqual([`${M}/course.fr.yaml:1: missing required field 'review'`]);
    const unsure = edit(fixtureFiles(), "course.fr.yaml", "review: reviewed", "review: maybe");
    expect(check(unsure).errors).toEqual([`${M}/course.fr.yaml:1: review: say whether a native speaker has reviewed this translation: awaiting or reviewed`]);
  });

  it("reports a missing translation file and a missing translated question", () => {
    const files = fixtureFiles();
    files.delete(`${M}/01-basics/02-two.fr.md`);
    edit(files, "01-basics/quiz.fr.yaml", /  - id: q-tf\n    prompt: .*\n    explanation: .*\n/, "");
    const { errors } = check(files);
    expect(errors).toContain(`${M}/01-basics/02-two.md:1: missing translation 'fr': ${M}/01-basics/02-two.fr.md does not exist`);
    expect(errors).toContain(`${M}/01-basics/quiz.fr.yaml:2: missing translation of question 'q-tf'`);
  });

  it("reports a lesson or module missing from the order lists", () => {
    const files = edit(fixtureFiles(), "01-basics/module.yaml", "lessons: [l-one, l-two]", "lessons: [l-one, l-2]");
    const { errors } = check(files);
    expect(errors).toContain(`${M}/01-basics/module.yaml:5: lesson 'l-2' is listed but no lesson file in 01-basics/ has that id`);
    expect(errors).toContain(`${M}/01-basics/02-two.md:2: lesson 'l-two' is not listed in module.yaml lessons`);
  });

  it("warns about a question without source, a module without objectives and a short lesson", () => {
    const files = edit(fixtureFiles(), "01-basics/quiz.yaml", '    source: "UNIDIR"\n', "");
    edit(files, "01-basics/module.yaml", /objectives:\n  - "Know the basics."\n/, "");
    edit(files, "01-basics/module.fr.yaml", /objectives:\n  - "Connaître les bases."\n/, "");
    edit(files, "01-basics/02-two.md", "minutes: 1", "minutes: 10");
    const { errors, warnings } = check(files);
    expect(errors).toEqual([]);
    expect(warnings).toContain(`${M}/01-basics/quiz.yaml:17: warning: question 'q-multiple' has no source`);
    expect(warnings).toContain(`${M}/01-basics/module.yaml:1: warning: module 'm-basics' states no learning objectives`);
    expect(warnings.some((w) => w.startsWith(`${M}/01-basics/02-two.md:4: warning: lesson has about`))).toBe(true);
  });

  it("reports a duplicate course id across folders", () => {
    const files = fixtureFiles();
    for (const [k, v] of [...files]) files.set(k.replace("/mini/", "/mini-copy/"), v);
    expect(check(files).errors).toContain(`${FIXTURE_ROOT}/mini-copy/course.yaml:1: duplicate course id 'mini' (also used in ${M}/course.yaml)`);
  });
});

describe("exercises in the course format", () => {
  it("compiles a drafting exercise with its translation", () => {
    const course = check(fixtureFiles()).catalog.byId.get("mini")!;
    const ex = course.exercisesById.get("ex-plan")!;
    expect(ex.title).toEqual({ en: "Draft a first plan", fr: "Rédiger un premier plan" });
    expect(ex.instructions.en).toContain("<strong>vision</strong>");
    expect(ex.type === "drafting" && ex.prompts.map((p) => p.kind)).toEqual(["text", "table"]);
    expect(course.modules[0]!.exercise?.id).toBe("ex-plan");
  });

  it("reports an unknown prompt kind, a duplicate prompt and a missing translation", () => {
    const files = edit(fixtureFiles(), "01-basics/exercise.yaml", "kind: table", "kind: grid");
    expect(check(files).errors).toContain(`${M}/01-basics/exercise.yaml:12: prompts[1].kind: kind must be text or table`);
    const dup = edit(fixtureFiles(), "01-basics/exercise.yaml", "id: p-plan", "id: p-vision");
    expect(check(dup).errors).toContain(`${M}/01-basics/exercise.yaml:11: duplicate prompt id 'p-vision'`);
    const missing = fixtureFiles();
    missing.delete(`${M}/01-basics/exercise.fr.yaml`);
    expect(check(missing).errors).toContain(`${M}/01-basics/exercise.yaml:1: missing translation 'fr': ${M}/01-basics/exercise.fr.yaml does not exist`);
  });
});
