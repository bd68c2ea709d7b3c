// Issue 13, cohorts over time: editing a cohort, removing a participant, withdrawing an invitation,
// paging and searching the participants, and one more quiz attempt — on a real SQLite database,
// through the services and, where the boundary matters (messages, statuses), the routes themselves.
import { describe, expect, it } from "vitest";
import { auditPage } from "../../app/admin/audit.server";
import { startSession } from "../../app/auth/session.server";
import { createUser } from "../../app/auth/users.server";
import {
  acceptPersonalInvitation,
  createCohort,
  getManagedCohort,
  importParticipants,
  invitationLinks,
  invitationView,
  participantsPage,
  PARTICIPANTS_PAGE_SIZE,
  removeParticipant,
  updateCohort,
  withdrawInvitation,
} from "../../app/cohorts/cohorts.server";
import type { ParticipantRow } from "../../app/cohorts/csv";
import type { Course } from "../../app/content/types";
import { grantAttempt } from "../../app/learning/attempt-grants.server";
import { getEnrolment } from "../../app/learning/progress.server";
import { answerQuestion, exhaustedQuizzes, quizStatus, startAttempt } from "../../app/learning/quiz.server";
import { loadRecords } from "../../app/reports/completion.server";
import { action as editAction } from "../../app/routes/manage.cohorts.$cohortId.edit";
import { loader as cohortLoader } from "../../app/routes/manage.cohorts.$cohortId._index";
import { action as participantAction, loader as participantLoader } from "../../app/routes/manage.cohorts.$cohortId.participant";
import { action as invitationAction, loader as invitationLoader } from "../../app/routes/invitations.$token";
import { action as teachAttemptsAction } from "../../app/routes/teach.courses.$courseId.attempts";
import { loader as quizLoader } from "../../app/routes/courses.$courseId.quizzes.$quizId._index";
import { assignInstructor } from "../../app/teaching/staff.server";
import { formOf, MINI_RIGHT } from "../helpers/answers";
import { getAs, postAs, statusOf } from "../helpers/http";
import { testRuntime } from "../helpers/runtime";

const WRONG: typeof MINI_RIGHT = { ...MINI_RIGHT, "q-single": { answer: "b" }, "q-tf": { answer: "true" }, "q-text": { answer: "A/68/98" } };

type Role = "learner" | "instructor" | "manager" | "admin";

async function world() {
  const { rt, context } = await testRuntime();
  const people: Record<string, { id: string; role: Role; cookie: string }> = {};
  for (const [email, role] of [
    ["mona@managers.example", "manager"],
    ["otto@managers.example", "manager"],
    ["ines@staff.example", "instructor"],
    ["uma@staff.example", "instructor"],
    ["ada@admins.example", "admin"],
    ["amina@learners.example", "learner"],
  ] as const) {
    const r = await createUser(rt.db, { name: email.split("@")[0]!, email, password: "long enough pass", locale: "en", role }, 10);
    if (!r.ok) throw new Error(r.reason);
    people[email] = { id: r.user.id, role, cookie: (await startSession(rt, r.user.id)).split(";")[0]! };
  }
  const who = (email: string) => ({ id: people[email]!.id, role: people[email]!.role });
  await assignInstructor(rt.db, "mini", "ines@staff.example");
  const input = { name: "Cohort Mona", programme: "Programme", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["mini"] };
  const mona = await createCohort(rt.db, who("mona@managers.example"), input);
  const otto = await createCohort(rt.db, who("otto@managers.example"), { ...input, name: "Cohort Otto" });
  const row = (name: string, email: string, organisation: string | null = null): ParticipantRow => ({ line: 2, name, email, country: "GH", organisation, org_type: null, gender: null });
  await importParticipants(rt.db, mona, [row("Amina Listed", "amina.work@gov.example", "Ministry of Foreign Affairs"), row("Kofi Mensah", "kofi@gov.example", "National CSIRT")]);
  const token = async (cohortId: string, email: string) =>
    (await rt.db.selectFrom("cohort_participants").select("invite_token").where("cohort_id", "=", cohortId).where("email", "=", email).executeTakeFirstOrThrow()).invite_token;
  // Amina accepts her place in Mona's cohort: she is enrolled in mini.
  expect((await acceptPersonalInvitation(rt.db, { id: people["amina@learners.example"]!.id }, (await token(mona, "amina.work@gov.example"))!)).ok).toBe(true);
  const cohort = async (id: string, email = "mona@managers.example") => (await getManagedCohort(rt.db, who(email), id))!;
  const course = rt.catalog.byId.get("mini")!;
  return { rt, context, people, who, mona, otto, token, cohort, course, quiz: course.quizzes[0]! };
}
type World = Awaited<ReturnType<typeof world>>;

/** Uses every attempt the learner has left at the course's quiz, each one failed. */
async function failEveryAttempt(w: World, userId: string, course: Course) {
  const quiz = course.quizzes[0]!;
  for (;;) {
    const start = await startAttempt(w.rt.db, userId, course, quiz);
    if (!start.ok) return;
    for (const q of quiz.questions) expect((await answerQuestion(w.rt.db, userId, course, quiz, start.attemptId, q.id, formOf(WRONG[q.id]!))).ok).toBe(true);
  }
}

const auditOf = async (w: World, action: "cohort.updated" | "cohort.participant_removed" | "cohort.invitation_withdrawn" | "attempt.granted") =>
  (await auditPage(w.rt.db, { action, page: 1 } as Parameters<typeof auditPage>[1])).entries;

describe("editing a cohort", () => {
  it("refuses an end before the start with the field's message, and changes nothing", async () => {
    const w = await world();
    const res = (await editAction({
      request: postAs(`/manage/cohorts/${w.mona}/edit`, w.people["mona@managers.example"]!.cookie, { name: "Renamed", programme: "Programme", starts_on: "2026-06-01", ends_on: "2026-05-31", courses: "mini" }),
      params: { cohortId: w.mona },
      context: w.context,
    })) as Response;
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual({ ends_on: "cohort.error.dates" });
    const bad = (await editAction({
      request: postAs(`/manage/cohorts/${w.mona}/edit`, w.people["mona@managers.example"]!.cookie, { name: "Renamed", programme: "Programme", starts_on: "2026-02-30x", ends_on: "2026-05-31", courses: "mini" }),
      params: { cohortId: w.mona },
      context: w.context,
    })) as Response;
    expect((await bad.json()).errors).toEqual({ starts_on: "cohort.error.date" });
    expect((await w.cohort(w.mona)).name).toBe("Cohort Mona");
    expect(await auditOf(w, "cohort.updated")).toEqual([]);
  });

  it("is for the cohort's own manager and admins: another manager gets 404", async () => {
    const w = await world();
    const send = (email: string) =>
      statusOf(editAction({ request: postAs(`/manage/cohorts/${w.mona}/edit`, w.people[email]!.cookie, { name: "X", programme: "P", starts_on: "2026-01-01", ends_on: "2026-02-01", courses: "mini" }), params: { cohortId: w.mona }, context: w.context }));
    expect(await send("otto@managers.example")).toBe(404);
    expect(await send("ines@staff.example")).toBe(403);
    expect(await send("ada@admins.example")).toBe(302);
    expect((await w.cohort(w.mona)).name).toBe("X");
  });

  it("changes name, dates and courses with before/after in the audit; removing a course keeps every progress row", async () => {
    const w = await world();
    const amina = w.people["amina@learners.example"]!.id;
    await failEveryAttempt(w, amina, w.course);
    const progress = async () => ({
      enrolment: await getEnrolment(w.rt.db, amina, "mini"),
      attempts: await w.rt.db.selectFrom("quiz_attempts").selectAll().where("user_id", "=", amina).execute(),
      answers: await w.rt.db.selectFrom("quiz_answers").select(["attempt_id", "question_id"]).execute(),
    });
    const before = await progress();
    expect(before.attempts).toHaveLength(2);

    // Add "branching" and keep "mini": Amina, who accepted, is enrolled in the new course.
    const visible = new Set(["mini", "branching"]);
    const r1 = await updateCohort(w.rt.db, w.who("mona@managers.example"), await w.cohort(w.mona), { name: "Cohort Mona 2", programme: "Programme", starts_on: "2026-02-01", ends_on: "2027-01-31", courses: ["mini", "branching"] }, visible);
    expect(r1).toMatchObject({ ok: true, added: ["branching"], removed: [] });
    expect(await getEnrolment(w.rt.db, amina, "branching")).toBeDefined();

    // Remove "mini": the cohort's scope changes, Amina's progress in it does not.
    const r2 = await updateCohort(w.rt.db, w.who("mona@managers.example"), await w.cohort(w.mona), { name: "Cohort Mona 2", programme: "Programme", starts_on: "2026-02-01", ends_on: "2027-01-31", courses: ["branching"] }, visible);
    expect(r2).toMatchObject({ ok: true, added: [], removed: ["mini"] });
    expect((await w.cohort(w.mona)).courseIds).toEqual(["branching"]);
    expect(await progress()).toEqual(before);

    // A course the manager cannot see may not be added.
    const r3 = await updateCohort(w.rt.db, w.who("mona@managers.example"), await w.cohort(w.mona), { name: "N", programme: "P", starts_on: "2026-02-01", ends_on: "2027-01-31", courses: ["branching", "secret"] }, visible);
    expect(r3).toEqual({ ok: false, errors: { courses: "cohort.error.courses" } });

    const entries = await auditOf(w, "cohort.updated");
    expect(entries).toHaveLength(2);
    expect(entries.map((e) => e.details).reverse()).toEqual([
      {
        before: { name: "Cohort Mona", programme: "Programme", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["mini"] },
        after: { name: "Cohort Mona 2", programme: "Programme", starts_on: "2026-02-01", ends_on: "2027-01-31", courses: ["branching", "mini"] },
      },
      {
        before: { name: "Cohort Mona 2", programme: "Programme", starts_on: "2026-02-01", ends_on: "2027-01-31", courses: ["branching", "mini"] },
        after: { name: "Cohort Mona 2", programme: "Programme", starts_on: "2026-02-01", ends_on: "2027-01-31", courses: ["branching"] },
      },
    ]);
  });
});

describe("removing a participant", () => {
  it("takes an accepted participant out of the report and leaves their progress untouched; one audit entry", async () => {
    const w = await world();
    const amina = w.people["amina@learners.example"]!.id;
    await failEveryAttempt(w, amina, w.course);
    const rows = async () => ({
      enrolments: await w.rt.db.selectFrom("enrolments").selectAll().where("user_id", "=", amina).execute(),
      attempts: await w.rt.db.selectFrom("quiz_attempts").selectAll().where("user_id", "=", amina).execute(),
    });
    const before = await rows();
    const reported = async () => (await loadRecords(w.rt.db, { cohortIds: [w.mona], courseId: "mini" })).map((r) => r.email).sort();
    expect(await reported()).toEqual(["amina.work@gov.example", "kofi@gov.example"]);

    // Through the route: the confirmation first (a GET), then the POST, then back to the cohort page.
    const mona = w.people["mona@managers.example"]!.cookie;
    const url = `/manage/cohorts/${w.mona}/participant?email=${encodeURIComponent("amina.work@gov.example")}`;
    const confirm = await (await participantLoader({ request: getAs(`${url}&confirm=remove`, mona), params: { cohortId: w.mona }, context: w.context })).json();
    expect(confirm).toMatchObject({ confirm: "remove", place: { name: "Amina Listed", state: "accepted" } });
    const done = (await participantAction({ request: postAs(url, mona, { intent: "remove" }), params: { cohortId: w.mona }, context: w.context })) as Response;
    expect([done.status, done.headers.get("Location")]).toEqual([302, `/manage/cohorts/${w.mona}?notice=removed`]);

    expect(await reported()).toEqual(["kofi@gov.example"]);
    expect(await rows()).toEqual(before);
    const entries = await auditOf(w, "cohort.participant_removed");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ target_id: amina, target_label: "amina.work@gov.example", details: { before: { name: "Amina Listed", status: "accepted" } } });
    // Gone: a second removal answers 404.
    expect(await statusOf(participantAction({ request: postAs(url, mona, { intent: "remove" }), params: { cohortId: w.mona }, context: w.context }))).toBe(404);
  });

  it("is refused to another cohort's manager (404) and the place stays", async () => {
    const w = await world();
    const url = `/manage/cohorts/${w.mona}/participant?email=kofi%40gov.example`;
    expect(await statusOf(participantAction({ request: postAs(url, w.people["otto@managers.example"]!.cookie, { intent: "remove" }), params: { cohortId: w.mona }, context: w.context }))).toBe(404);
    expect((await participantsPage(w.rt.db, w.mona, { q: "", page: 1 })).total).toBe(2);
  });

  it("withdraws a pending place's link: it then says so, and accepting it is refused", async () => {
    const w = await world();
    const kofi = (await w.token(w.mona, "kofi@gov.example"))!;
    expect(await removeParticipant(w.rt.db, w.who("mona@managers.example"), await w.cohort(w.mona), "kofi@gov.example")).toMatchObject({ ok: true });
    expect((await invitationView(w.rt.db, w.rt.catalog, null, kofi))?.state).toBe("withdrawn");
  });
});

describe("withdrawing a personal invitation", () => {
  it("makes the link say it was withdrawn (410) and refuses to accept it; the place stays listed", async () => {
    const w = await world();
    const token = (await w.token(w.mona, "kofi@gov.example"))!;
    const mona = w.people["mona@managers.example"]!.cookie;
    const url = `/manage/cohorts/${w.mona}/participant?email=kofi%40gov.example`;
    const done = (await participantAction({ request: postAs(url, mona, { intent: "withdraw" }), params: { cohortId: w.mona }, context: w.context })) as Response;
    expect(done.headers.get("Location")).toBe(`${url}&notice=withdrawn`);

    const page = (await invitationLoader({ request: getAs(`/invitations/${token}`, undefined), params: { token }, context: w.context })) as Response;
    expect(page.status).toBe(410);
    expect(await page.json()).toMatchObject({ state: "withdrawn", cohort: "Cohort Mona" });
    const accept = (await invitationAction({ request: postAs(`/invitations/${token}`, w.people["amina@learners.example"]!.cookie, {}), params: { token }, context: w.context })) as Response;
    expect(accept.status).toBe(410);
    expect(await accept.json()).toEqual({ error: "invitation.error.withdrawn" });
    // An unknown token is still a plain "not found".
    expect(await statusOf(invitationLoader({ request: getAs("/invitations/AAAAAAAAAAAAAAAAAAAAAAAA", undefined), params: { token: "AAAAAAAAAAAAAAAAAAAAAAAA" }, context: w.context }))).toBe(404);

    // The mail-merge file says so, with no link.
    const csv = (await invitationLinks(w.rt.db, w.people["mona@managers.example"]!.id, { id: w.mona, name: "Cohort Mona" }, "https://learning.example.org")).body;
    expect(csv).toContain("Kofi Mensah,kofi@gov.example,withdrawn,\r\n");
    expect(csv).not.toContain(token);
    const place = await w.rt.db.selectFrom("cohort_participants").selectAll().where("cohort_id", "=", w.mona).where("email", "=", "kofi@gov.example").executeTakeFirstOrThrow();
    expect([place.user_id, place.invite_token]).toEqual([null, null]);
    expect(await auditOf(w, "cohort.invitation_withdrawn")).toHaveLength(1);
    // Nothing left to withdraw; an accepted place has no invitation to withdraw either.
    expect(await withdrawInvitation(w.rt.db, w.who("mona@managers.example"), await w.cohort(w.mona), "kofi@gov.example")).toEqual({ ok: false, reason: "not_found" });
    expect(await withdrawInvitation(w.rt.db, w.who("mona@managers.example"), await w.cohort(w.mona), "amina.work@gov.example")).toEqual({ ok: false, reason: "not_found" });
    expect(await auditOf(w, "cohort.invitation_withdrawn")).toHaveLength(1);
  });
});

describe("paging and searching the participants", () => {
  it("shows 50 a page: page 2 of a 120-person cohort, and a search by name, email or organisation", async () => {
    const w = await world();
    const id = await createCohort(w.rt.db, w.who("mona@managers.example"), { name: "Big", programme: "P", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["mini"] });
    const rows: ParticipantRow[] = Array.from({ length: 120 }, (_, i) => ({
      line: i + 2,
      name: `Person ${String(i).padStart(3, "0")}`,
      email: `p${i}@${i % 2 ? "odd" : "even"}.example`,
      country: null,
      organisation: i === 77 ? "Regulator of Telecoms" : "Ministry",
      org_type: null,
      gender: null,
    }));
    await importParticipants(w.rt.db, id, rows);
    expect(PARTICIPANTS_PAGE_SIZE).toBe(50);

    const page = async (query: string) =>
      (await cohortLoader({ request: getAs(`/manage/cohorts/${id}${query}`, w.people["mona@managers.example"]!.cookie), params: { cohortId: id }, context: w.context })).json();
    const two = await page("?page=2");
    expect(two.list).toEqual({ matching: 120, page: 2, pages: 3, total: 120, pending: 120 });
    expect(two.participants.map((p: { name: string }) => p.name)).toEqual(Array.from({ length: 50 }, (_, i) => `Person ${String(50 + i).padStart(3, "0")}`));
    expect((await page("?page=3")).participants).toHaveLength(20);
    // A page past the end shows the last one; a malformed one the first.
    expect((await page("?page=99")).list.page).toBe(3);
    expect((await page("?page=abc")).list.page).toBe(1);

    expect((await page("?q=person%20007")).participants.map((p: { name: string }) => p.name)).toEqual(["Person 007"]);
    expect((await page("?q=ODD.example")).list).toMatchObject({ matching: 60, pages: 2, total: 120 });
    expect((await page("?q=telecoms")).participants.map((p: { email: string }) => p.email)).toEqual(["p77@odd.example"]);
    expect((await page("?q=nobody-at-all")).list).toMatchObject({ matching: 0, pages: 1, total: 120 });
  });
});

describe("one more quiz attempt", () => {
  const url = (w: World) => `/manage/cohorts/${w.mona}/participant?email=${encodeURIComponent("amina.work@gov.example")}`;
  const grant = (w: World, email: string, fields: Record<string, string>) =>
    participantAction({ request: postAs(url(w), w.people[email]!.cookie, { intent: "grant", course: "mini", quiz: "quiz-basics", ...fields }), params: { cohortId: w.mona }, context: w.context });

  it("is refused without a reason, or with one too long (400, the field's message), and grants nothing", async () => {
    const w = await world();
    await failEveryAttempt(w, w.people["amina@learners.example"]!.id, w.course);
    for (const reason of ["", "   ", "x".repeat(501)]) {
      const res = (await grant(w, "mona@managers.example", { reason })) as Response;
      expect(res.status).toBe(400);
      expect((await res.json()).errors).toEqual({ reason: "grant.error.reason" });
    }
    expect(await w.rt.db.selectFrom("quiz_attempt_grants").selectAll().execute()).toEqual([]);
  });

  it("is refused to a manager of another cohort, to an unassigned instructor, and for a place not accepted", async () => {
    const w = await world();
    const amina = w.people["amina@learners.example"]!.id;
    await failEveryAttempt(w, amina, w.course);
    const input = { userId: amina, courseId: "mini", quizId: "quiz-basics", reason: "Power cut during the quiz" };
    expect(await grantAttempt(w.rt.db, w.rt.catalog, w.who("otto@managers.example"), input)).toEqual({ ok: false, reason: "not_found" });
    expect(await grantAttempt(w.rt.db, w.rt.catalog, w.who("uma@staff.example"), input)).toEqual({ ok: false, reason: "not_found" });
    // Through Otto's own cohort page, naming Amina's place in Mona's cohort: 404 too.
    expect(await statusOf(grant(w, "otto@managers.example", { reason: "Power cut" }))).toBe(404);
    // Kofi's place is pending: nobody's yet.
    const kofi = `/manage/cohorts/${w.mona}/participant?email=kofi%40gov.example`;
    expect(await statusOf(participantAction({ request: postAs(kofi, w.people["mona@managers.example"]!.cookie, { intent: "grant", course: "mini", quiz: "quiz-basics", reason: "r" }), params: { cohortId: w.mona }, context: w.context }))).toBe(404);
    // An instructor on the course staff page of a course not theirs: 404.
    const teach = await statusOf(
      teachAttemptsAction({ request: postAs("/teach/courses/mini/attempts", w.people["uma@staff.example"]!.cookie, { user: amina, quiz: "quiz-basics", reason: "r" }), params: { courseId: "mini" }, context: w.context }),
    );
    expect(teach).toBe(404);
    expect(await w.rt.db.selectFrom("quiz_attempt_grants").selectAll().execute()).toEqual([]);
  });

  it("allows exactly one more attempt, which the learner is told of; one audit entry", async () => {
    const w = await world();
    const amina = w.people["amina@learners.example"]!.id;
    // Not needed while an attempt remains.
    expect(await grantAttempt(w.rt.db, w.rt.catalog, w.who("mona@managers.example"), { userId: amina, courseId: "mini", quizId: "quiz-basics", reason: "early" })).toEqual({ ok: false, reason: "not_needed" });
    await failEveryAttempt(w, amina, w.course);
    expect((await quizStatus(w.rt.db, amina, "mini", w.quiz)).remaining).toBe(0);
    expect((await exhaustedQuizzes(w.rt.db, amina, w.course)).map((q) => q.id)).toEqual(["quiz-basics"]);
    const res = (await grant(w, "mona@managers.example", { reason: "  Power cut during the second attempt  " })) as Response;
    expect([res.status, res.headers.get("Location")]).toEqual([302, `${url(w)}&notice=granted`]);

    const status = await quizStatus(w.rt.db, amina, "mini", w.quiz);
    expect([status.used, status.granted, status.remaining]).toEqual([2, 1, 1]);
    expect(await exhaustedQuizzes(w.rt.db, amina, w.course)).toEqual([]);
    const page = await (await quizLoader({ request: getAs("/courses/mini/quizzes/quiz-basics", w.people["amina@learners.example"]!.cookie), params: { courseId: "mini", quizId: "quiz-basics" }, context: w.context })).json();
    expect(page).toMatchObject({ used: 2, maxAttempts: 3, granted: 1, remaining: 1 });

    // A second grant before she uses it: not needed (409), and nothing more is granted.
    expect(await statusOf(grant(w, "ines@staff.example", { reason: "again" }))).toBe(403);
    const again = (await grant(w, "mona@managers.example", { reason: "again" })) as Response;
    expect(again.status).toBe(409);
    expect(await grantAttempt(w.rt.db, w.rt.catalog, w.who("ines@staff.example"), { userId: amina, courseId: "mini", quizId: "quiz-basics", reason: "again" })).toEqual({ ok: false, reason: "not_needed" });

    // She takes exactly one more attempt, then none is left.
    await failEveryAttempt(w, amina, w.course);
    expect((await quizStatus(w.rt.db, amina, "mini", w.quiz))).toMatchObject({ used: 3, remaining: 0 });
    expect((await startAttempt(w.rt.db, amina, w.course, w.quiz)).ok).toBe(false);

    const entries = await auditOf(w, "attempt.granted");
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actor_email: "mona@managers.example",
      target_id: amina,
      target_label: "amina@learners.example",
      details: { course: "mini", quiz: "quiz-basics", reason: "Power cut during the second attempt", attemptsAllowed: { before: 2, after: 3 } },
    });
    const row = await w.rt.db.selectFrom("quiz_attempt_grants").selectAll().executeTakeFirstOrThrow();
    expect(row).toMatchObject({ user_id: amina, attempt_number: 3, granted_by: w.people["mona@managers.example"]!.id, reason: "Power cut during the second attempt" });
  });

  it("lets the course's instructor grant it from the course staff page", async () => {
    const w = await world();
    const amina = w.people["amina@learners.example"]!.id;
    await failEveryAttempt(w, amina, w.course);
    const res = (await teachAttemptsAction({
      request: postAs("/teach/courses/mini/attempts", w.people["ines@staff.example"]!.cookie, { user: amina, quiz: "quiz-basics", reason: "Asked in class" }),
      params: { courseId: "mini" },
      context: w.context,
    })) as Response;
    expect([res.status, res.headers.get("Location")]).toEqual([302, "/teach/courses/mini/attempts?notice=granted"]);
    expect((await quizStatus(w.rt.db, amina, "mini", w.quiz)).remaining).toBe(1);
    expect(await auditOf(w, "attempt.granted")).toHaveLength(1);
  });
});
