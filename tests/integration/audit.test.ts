import { describe, expect, it } from "vitest";
import { auditCsv, auditPage, AuditQuery } from "../../app/admin/audit.server";
import { createResetLink } from "../../app/auth/passwords.server";
import { changeRole } from "../../app/auth/users.server";
import { createCohort, importParticipants, invitationLinks } from "../../app/cohorts/cohorts.server";
import { parseParticipantsCsv } from "../../app/cohorts/csv";
import type { DraftingExercise } from "../../app/content/types";
import { readDraft } from "../../app/learning/drafting";
import { reviewDraft, submitDraft } from "../../app/learning/exercises.server";
import { changeStaffing } from "../../app/teaching/staff.server";
import { formOf } from "../helpers/answers";
import { check, fixtureFiles, loadFixtureCourse } from "../helpers/catalog";
import { freshDb, makeUser } from "../helpers/db";

const course = loadFixtureCourse();
const catalog = check(fixtureFiles()).catalog;

async function entries(db: Awaited<ReturnType<typeof freshDb>>["db"]) {
  return db.selectFrom("audit_log").select(["action", "actor_email", "target_label", "details"]).orderBy("at").orderBy("action").execute();
}

describe("the audit log", () => {
  it("records each audited action exactly once, with the actor, the target and the before and after", async () => {
    const { db } = await freshDb();
    const admin = await makeUser(db, "admin@example.org");
    const someone = await makeUser(db, "someone@example.org");
    expect(await changeRole(db, admin.id, someone.id, "instructor")).toBe("saved");
    expect(await entries(db)).toEqual([{ action: "user.role_changed", actor_email: "admin@example.org", target_label: "someone@example.org", details: '{"before":"learner","after":"instructor"}' }]);

    // A refused change (one's own role) records nothing.
    expect(await changeRole(db, admin.id, admin.id, "learner")).toBe("self");
    expect(await entries(db)).toHaveLength(1);

    await changeStaffing(db, catalog, admin.id, { intent: "assign", courseId: "mini", email: "someone@example.org" });
    // Assigning again changes nothing, so it records nothing.
    await changeStaffing(db, catalog, admin.id, { intent: "assign", courseId: "mini", email: "someone@example.org" });
    await changeStaffing(db, catalog, admin.id, { intent: "remove", courseId: "mini", userId: someone.id });
    expect((await entries(db)).map((e) => e.action)).toEqual(["user.role_changed", "staff.assigned", "staff.removed"]);
  });

  it("records a reset link an admin issues, but not one a learner asks for", async () => {
    const { db } = await freshDb();
    const admin = await makeUser(db, "admin@example.org");
    const learner = await makeUser(db, "learner@example.org");
    await createResetLink(db, learner.id, admin.id);
    await createResetLink(db, learner.id, null);
    expect((await entries(db)).map((e) => [e.action, e.actor_email, e.target_label])).toEqual([["user.reset_link_issued", "admin@example.org", "learner@example.org"]]);
  });

  it("records a cohort, its import and its export of invitation links once each", async () => {
    const { db } = await freshDb();
    const manager = await makeUser(db, "manager@example.org");
    const cohortId = await createCohort(db, { id: manager.id, role: "manager" }, { name: "C1", programme: "P", starts_on: "2026-01-01", ends_on: "2026-02-01", courses: ["mini"] });
    const { rows } = parseParticipantsCsv("name,email\nAmina,amina@example.org\n");
    await importParticipants(db, cohortId, rows, { actorId: manager.id });
    await invitationLinks(db, manager.id, { id: cohortId, name: "C1" }, "https://learn.example.org");
    expect((await entries(db)).map((e) => [e.action, e.target_label])).toEqual([
      ["cohort.created", "C1"],
      ["cohort.participants_imported", "C1"],
      ["export.invitations_csv", "C1"],
    ]);
  });

  it("records a review with its decision, in the review's own transaction", async () => {
    const { db } = await freshDb();
    const learner = await makeUser(db, "learner@example.org");
    const reviewer = await makeUser(db, "reviewer@example.org");
    const exercise = course.exercisesById.get("ex-plan") as DraftingExercise;
    const key = { userId: learner.id, courseId: course.id, exerciseId: exercise.id };
    const full = readDraft(exercise, formOf({ "p.p-vision": "A vision.", "p.p-plan.0.0": "CSIRT", "p.p-plan.0.1": "Ministry", "p.p-plan.0.2": "2027" }));
    await submitDraft(db, key, exercise, full);
    expect(await reviewDraft(db, reviewer.id, key, { decision: "accept", comment: "" })).toEqual({ ok: true });
    // A refused review (the draft is no longer waiting) writes no entry.
    expect(await reviewDraft(db, reviewer.id, key, { decision: "return", comment: "again" })).toEqual({ ok: false, reason: "not_submitted" });
    expect(await entries(db)).toEqual([{ action: "draft.reviewed", actor_email: "reviewer@example.org", target_label: "learner@example.org — ex-plan", details: '{"decision":"accept","before":"submitted"}' }]);
  });

  it("filters, pages and exports what the admin asks for, ignoring malformed filters", async () => {
    const { db } = await freshDb();
    const admin = await makeUser(db, "admin@example.org");
    for (let i = 0; i < 3; i++) {
      const u = await makeUser(db, `u${i}@example.org`);
      await changeRole(db, admin.id, u.id, "manager");
    }
    const page = await auditPage(db, AuditQuery.parse({ action: "user.role_changed", target: "u1@", page: "1" }));
    expect(page.total).toBe(1);
    expect(page.entries[0]!.target_label).toBe("u1@example.org");
    expect((await auditPage(db, AuditQuery.parse({ action: "no-such", page: "-2", from: "bad" }))).total).toBe(3);
    const csv = await auditCsv(db, AuditQuery.parse({}));
    expect(csv.split("\r\n").filter(Boolean)).toHaveLength(4);
    expect(csv).toContain("admin@example.org,user.role_changed,user,");
  });
});
