import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { createUser } from "../../app/auth/users.server";
import type { Runtime } from "../../app/runtime.server";
import { loader as lessonLoader, action as lessonAction } from "../../app/routes/courses.$courseId.lessons.$lessonId";
import { loader as quizLoader, action as quizAction } from "../../app/routes/courses.$courseId.quizzes.$quizId._index";
import { assignInstructor } from "../../app/teaching/staff.server";
import { getAs, postAs, statusOf } from "../helpers/http";
import { testRuntime } from "../helpers/runtime";

let rt: Runtime;
let context: Awaited<ReturnType<typeof testRuntime>>["context"];
const cookies: Record<string, string> = {};

beforeAll(async () => {
  ({ rt, context } = await testRuntime());
  for (const [who, role] of [["instructor", "instructor"], ["other-instructor", "instructor"], ["learner", "learner"]] as const) {
    const r = await createUser(rt.db, { name: who, email: `${who}@example.org`, password: "long enough pass", locale: "en", role }, 10);
    if (!r.ok) throw new Error(r.reason);
    cookies[who] = (await startSession(rt, r.user.id)).split(";")[0]!;
  }
  expect(await assignInstructor(rt.db, "mini", "instructor@example.org")).toEqual({ ok: true, already: false });
});

const lesson = (who: string) => ({ request: getAs("/courses/mini/lessons/l-one", cookies[who]), params: { courseId: "mini", lessonId: "l-one" }, context });
const quiz = (who: string) => ({ request: getAs("/courses/mini/quizzes/quiz-basics", cookies[who]), params: { courseId: "mini", quizId: "quiz-basics" }, context });

describe("the staff who look after a course preview it without enrolling", () => {
  it("shows an instructor the lesson and every question with its key, and records nothing", async () => {
    const page = (await lessonLoader(lesson("instructor"))) as Response;
    expect(page.status).toBe(200);
    expect((await page.json()).preview).toBe(true);
    const q = await ((await quizLoader(quiz("instructor"))) as Response).json();
    expect(q.preview).toHaveLength(rt.catalog.byId.get("mini")!.quizzesById.get("quiz-basics")!.questions.length);
    expect(q.preview[0]).toMatchObject({ id: "q-single", rightAnswer: expect.stringMatching(/\S/) });
    expect(await rt.db.selectFrom("lesson_progress").selectAll().execute()).toEqual([]);
    expect(await rt.db.selectFrom("enrolments").selectAll().execute()).toEqual([]);
  });

  it("does not let a preview mark lessons read or start attempts", async () => {
    const mark = { ...lesson("instructor"), request: postAs("/courses/mini/lessons/l-one", cookies.instructor, { intent: "complete" }) };
    expect(await statusOf(lessonAction(mark))).toBe(302);
    const start = { ...quiz("instructor"), request: postAs("/courses/mini/quizzes/quiz-basics", cookies.instructor, { intent: "start" }) };
    expect(await statusOf(quizAction(start))).toBe(302);
    expect(await rt.db.selectFrom("lesson_progress").selectAll().execute()).toEqual([]);
    expect(await rt.db.selectFrom("quiz_attempts").selectAll().execute()).toEqual([]);
  });

  it("still sends an unenrolled learner, and an instructor of other courses, to the course page", async () => {
    for (const who of ["learner", "other-instructor"]) {
      expect(await statusOf(lessonLoader(lesson(who)))).toBe(302);
      expect(await statusOf(quizLoader(quiz(who)))).toBe(302);
    }
  });
});

describe("a draft course", () => {
  it("is shown, with its draft banner, to the staff who look after it, and to no learner", async () => {
    // The fixture courses, with the mini course turned into a draft.
    const dir = mkdtempSync(path.join(tmpdir(), "draft-courses-"));
    cpSync("tests/fixtures/courses", dir, { recursive: true });
    const file = path.join(dir, "mini", "course.yaml");
    const yaml = readFileSync(file, "utf8");
    expect(yaml).toContain("status: published");
    writeFileSync(file, yaml.replace("status: published", "status: draft"));
    const draft = await testRuntime(dir);
    const cookie: Record<string, string> = {};
    for (const [who, role] of [["instructor", "instructor"], ["learner", "learner"]] as const) {
      const r = await createUser(draft.rt.db, { name: who, email: `${who}@example.org`, password: "long enough pass", locale: "en", role }, 10);
      if (!r.ok) throw new Error(r.reason);
      cookie[who] = (await startSession(draft.rt, r.user.id)).split(";")[0]!;
    }
    expect(await assignInstructor(draft.rt.db, "mini", "instructor@example.org")).toEqual({ ok: true, already: false });
    const args = (who: string) => ({ request: getAs("/courses/mini/lessons/l-one", cookie[who]), params: { courseId: "mini", lessonId: "l-one" }, context: draft.context });
    const page = await ((await lessonLoader(args("instructor"))) as Response).json();
    expect([page.draft, page.preview]).toEqual([true, true]);
    expect(await statusOf(lessonLoader(args("learner")))).toBe(404);
    rmSync(dir, { recursive: true, force: true });
  });
});
