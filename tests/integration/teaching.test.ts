import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { createUser } from "../../app/auth/users.server";
import type { DraftingExercise } from "../../app/content/types";
import { readDraft } from "../../app/learning/drafting";
import { getDraft, saveDraft, submitDraft } from "../../app/learning/exercises.server";
import type { Runtime } from "../../app/runtime.server";
import { testRuntime } from "../helpers/runtime";
import { assignInstructor, staffCourseIds } from "../../app/teaching/staff.server";
import { action as staffAction, loader as staffLoader } from "../../app/routes/admin.courses";
import { loader as teachLoader } from "../../app/routes/teach._index";
import { loader as questionsLoader } from "../../app/routes/teach.courses.$courseId.questions";
import { loader as queueLoader } from "../../app/routes/teach.reviews._index";
import { action as reviewAction, loader as reviewLoader } from "../../app/routes/teach.reviews.$userId.$courseId.$exerciseId";
import { formOf } from "../helpers/answers";
import { getAs, postAs, statusOf } from "../helpers/http";

// The real runtime on the fixture courses, handed to routes in their load context as server.mjs does.

let rt: Runtime;
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};
let ctx: { context: Awaited<ReturnType<typeof testRuntime>>["context"] };

async function user(email: string, role: "learner" | "instructor" | "manager" | "admin") {
  const r = await createUser(rt.db, { name: email.split("@")[0]!, email, password: "long enough pass", locale: "en", role }, 10);
  if (!r.ok) throw new Error(r.reason);
  ids[email] = r.user.id;
  cookies[email] = (await startSession(rt, r.user.id)).split(";")[0]!;
}

const reviewPath = () => `/teach/reviews/${ids["learner@example.org"]}/mini/ex-plan`;
const reviewParams = () => ({ userId: ids["learner@example.org"], courseId: "mini", exerciseId: "ex-plan" });

beforeAll(async () => {
  const t = await testRuntime();
  rt = t.rt;
  ctx = { context: t.context };
  await user("mini-teacher@example.org", "instructor");
  await user("branching-teacher@example.org", "instructor");
  await user("unassigned@example.org", "instructor");
  await user("learner@example.org", "learner");
  await user("manager@example.org", "manager");
  await user("admin@example.org", "admin");
  expect(await assignInstructor(rt.db, "mini", "mini-teacher@example.org")).toEqual({ ok: true, already: false });
  expect(await assignInstructor(rt.db, "branching", "branching-teacher@example.org")).toEqual({ ok: true, already: false });

  const exercise = rt.catalog.byId.get("mini")!.exercisesById.get("ex-plan") as DraftingExercise;
  const key = { userId: ids["learner@example.org"]!, courseId: "mini", exerciseId: "ex-plan" };
  const answers = readDraft(exercise, formOf({ "p.p-vision": "An open and secure cyberspace.", "p.p-plan.0.0": "CSIRT", "p.p-plan.0.1": "ICT ministry", "p.p-plan.0.2": "Staffed by 2027" }));
  await saveDraft(rt.db, key, answers);
  expect(await submitDraft(rt.db, key, exercise, answers)).toEqual({ ok: true });
});

describe("instructors act only on the courses they look after", () => {
  it("scopes question results: own course 200, another course 404, other roles 403", async () => {
    const questions = (course: string, who: string) =>
      statusOf(questionsLoader({ request: getAs(`/teach/courses/${course}/questions`, cookies[who]), params: { courseId: course }, ...ctx }));
    expect(await questions("mini", "mini-teacher@example.org")).toBe(200);
    expect(await questions("branching", "mini-teacher@example.org")).toBe(404);
    expect(await questions("mini", "branching-teacher@example.org")).toBe(404);
    expect(await questions("mini", "unassigned@example.org")).toBe(404);
    expect(await questions("mini", "admin@example.org")).toBe(200);
    expect(await questions("branching", "admin@example.org")).toBe(200);
    expect(await questions("mini", "manager@example.org")).toBe(403);
    expect(await questions("mini", "learner@example.org")).toBe(403);
  });

  it("lists only assigned courses on the teaching page", async () => {
    const listed = async (who: string) => {
      const data = await (await teachLoader({ request: getAs("/teach", cookies[who]), params: {}, ...ctx })).json();
      return data.courses.map((c: { id: string }) => c.id).sort();
    };
    expect(await listed("mini-teacher@example.org")).toEqual(["mini"]);
    expect(await listed("unassigned@example.org")).toEqual([]);
    expect(await listed("admin@example.org")).toEqual(["branching", "mini"]);
  });

  it("shows a submitted draft only to its course's instructor, and refuses another's review without changing it", async () => {
    const queue = async (who: string) => (await (await queueLoader({ request: getAs("/teach/reviews", cookies[who]), params: {}, ...ctx })).json()).queue.length;
    expect(await queue("mini-teacher@example.org")).toBe(1);
    expect(await queue("branching-teacher@example.org")).toBe(0);
    expect(await queue("admin@example.org")).toBe(1);

    const read = (who: string) => statusOf(reviewLoader({ request: getAs(reviewPath(), cookies[who]), params: reviewParams(), ...ctx }));
    const review = (who: string) =>
      statusOf(reviewAction({ request: postAs(reviewPath(), cookies[who], { decision: "accept", comment: "" }), params: reviewParams(), ...ctx }));
    expect(await read("mini-teacher@example.org")).toBe(200);
    expect(await read("branching-teacher@example.org")).toBe(404);
    expect(await review("branching-teacher@example.org")).toBe(404);
    expect(await review("learner@example.org")).toBe(403);
    const key = { userId: ids["learner@example.org"]!, courseId: "mini", exerciseId: "ex-plan" };
    expect((await getDraft(rt.db, key))?.status).toBe("submitted");
    expect(await review("mini-teacher@example.org")).toBe(302);
    expect((await getDraft(rt.db, key))?.status).toBe("accepted");
  });
});

describe("an admin assigns instructors to courses", () => {
  const post = (who: string, fields: Record<string, string>) => staffAction({ request: postAs("/admin/courses", cookies[who], fields), params: {}, ...ctx });
  const outcome = async (who: string, fields: Record<string, string>) => {
    try {
      const r = await post(who, fields);
      return { status: r.status, message: (await r.json()).message as string };
    } catch (e) {
      if (e instanceof Response) return { status: e.status, message: "" };
      throw e;
    }
  };

  it("assigns by email, says so when already assigned, and removes", async () => {
    const email = "unassigned@example.org";
    expect(await outcome("admin@example.org", { intent: "assign", courseId: "branching", email })).toEqual({ status: 200, message: "admin.courses.assigned" });
    expect(await outcome("admin@example.org", { intent: "assign", courseId: "branching", email: " UNASSIGNED@example.org " })).toEqual({ status: 200, message: "admin.courses.already" });
    expect(await staffCourseIds(rt.db, { id: ids[email]!, role: "instructor" })).toEqual(new Set(["branching"]));
    const data = await (await staffLoader({ request: getAs("/admin/courses", cookies["admin@example.org"]), params: {}, ...ctx })).json();
    expect(data.courses.find((c) => c.id === "branching")?.instructors.map((i) => i.email).sort()).toEqual(["branching-teacher@example.org", email]);
    expect(await outcome("admin@example.org", { intent: "remove", courseId: "branching", userId: ids[email]! })).toEqual({ status: 200, message: "admin.courses.removed" });
    expect(await outcome("admin@example.org", { intent: "remove", courseId: "branching", userId: ids[email]! })).toEqual({ status: 404, message: "" });
    expect(await staffCourseIds(rt.db, { id: ids[email]!, role: "instructor" })).toEqual(new Set());
  });

  it("refuses bad input with a 4xx and a clear message, and other roles with 403", async () => {
    expect(await outcome("admin@example.org", { intent: "assign", courseId: "mini", email: "nobody@example.org" })).toEqual({ status: 400, message: "admin.courses.error.noUser" });
    expect(await outcome("admin@example.org", { intent: "assign", courseId: "mini", email: "learner@example.org" })).toEqual({ status: 400, message: "admin.courses.error.notInstructor" });
    expect(await outcome("admin@example.org", { intent: "assign", courseId: "mini", email: "" })).toEqual({ status: 400, message: "admin.courses.error.email" });
    expect(await outcome("admin@example.org", { intent: "assign", courseId: "no-such-course", email: "unassigned@example.org" })).toEqual({ status: 404, message: "" });
    expect(await outcome("admin@example.org", { intent: "assign", courseId: "../etc", email: "unassigned@example.org" })).toEqual({ status: 400, message: "form.error.invalid" });
    expect(await outcome("admin@example.org", { intent: "promote" })).toEqual({ status: 400, message: "form.errorSummary" });
    expect((await outcome("mini-teacher@example.org", { intent: "assign", courseId: "branching", email: "mini-teacher@example.org" })).status).toBe(403);
    expect((await outcome("manager@example.org", { intent: "assign", courseId: "mini", email: "mini-teacher@example.org" })).status).toBe(403);
    expect(await staffCourseIds(rt.db, { id: ids["mini-teacher@example.org"]!, role: "instructor" })).toEqual(new Set(["mini"]));
  });
});
