import type { DraftingExercise } from "../../app/content/types";
import { describe, expect, it } from "vitest";
import { readDraft } from "../../app/learning/drafting";
import { getDraft, listComments, reviewDraft, reviewQueue, saveDraft, submitDraft } from "../../app/learning/exercises.server";
import { formOf } from "../helpers/answers";
import { loadFixtureCourse } from "../helpers/catalog";
import { freshDb, makeUser } from "../helpers/db";

const course = loadFixtureCourse();
const exercise = course.exercisesById.get("ex-plan") as DraftingExercise;

describe("drafting exercises", () => {
  it("save, refuse an incomplete submission without losing the text, submit, return with a comment, resubmit, accept", async () => {
    const { db } = await freshDb();
    const learner = await makeUser(db);
    const reviewer = await makeUser(db, "reviewer@example.org");
    const key = { userId: learner.id, courseId: course.id, exerciseId: exercise.id };

    const partial = readDraft(exercise, formOf({ "p.p-vision": "A secure and open cyberspace for all." }));
    expect((await saveDraft(db, key, partial)).ok).toBe(true);
    expect(await submitDraft(db, key, exercise, partial)).toEqual({ ok: false, reason: "incomplete", empty: ["p-plan"] });
    expect((await getDraft(db, key))?.answers["p-vision"]).toBe("A secure and open cyberspace for all.");
    expect((await getDraft(db, key))?.status).toBe("draft");

    const full = readDraft(exercise, formOf({ "p.p-vision": "A secure and open cyberspace for all.", "p.p-plan.0.0": "National CSIRT", "p.p-plan.0.1": "ICT ministry", "p.p-plan.0.2": "Team staffed by 2027" }));
    expect(await submitDraft(db, key, exercise, full)).toEqual({ ok: true });
    expect(await saveDraft(db, key, partial)).toEqual({ ok: false, reason: "locked" });
    expect((await reviewQueue(db)).map((q) => q.user_id)).toEqual([learner.id]);

    expect(await reviewDraft(db, reviewer.id, key, { decision: "return", comment: "Name a lead authority." })).toEqual({ ok: true });
    expect((await getDraft(db, key))?.status).toBe("returned");
    expect((await listComments(db, key)).map((c) => [c.author, c.body])).toEqual([["Test Learner", "Name a lead authority."]]);
    expect(await reviewQueue(db)).toEqual([]);

    expect((await saveDraft(db, key, full)).ok).toBe(true);
    expect((await getDraft(db, key))?.status).toBe("returned");
    expect(await submitDraft(db, key, exercise, full)).toEqual({ ok: true });
    expect(await reviewDraft(db, reviewer.id, key, { decision: "accept", comment: "" })).toEqual({ ok: true });
    expect((await getDraft(db, key))?.status).toBe("accepted");
    expect(await reviewDraft(db, reviewer.id, key, { decision: "return", comment: "again" })).toEqual({ ok: false, reason: "not_submitted" });
  });

  it("keeps each learner's draft to themselves", async () => {
    const { db } = await freshDb();
    const a = await makeUser(db, "a@example.org");
    const b = await makeUser(db, "b@example.org");
    await saveDraft(db, { userId: a.id, courseId: course.id, exerciseId: exercise.id }, readDraft(exercise, formOf({ "p.p-vision": "mine" })));
    expect(await getDraft(db, { userId: b.id, courseId: course.id, exerciseId: exercise.id })).toBeNull();
  });
});
