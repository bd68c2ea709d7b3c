// Accounts (issue 13 item 3, decision 022): administrators create, edit, disable, enable and delete
// accounts; a learner downloads their own data. The real runtime, routes and SQLite database, and a
// real SMTP server for the new account's email.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deleteAccount, setAccountDisabled } from "../../app/accounts/accounts.server";
import { EXPORT_SECTIONS, type PersonalData } from "../../app/accounts/export";
import { issueCertificate } from "../../app/certificates/certificates.server";
import { verification } from "../../app/certificates/views.server";
import { createResetLink, findResetLink } from "../../app/auth/passwords.server";
import { getSessionUser, startSession, type SessionUser } from "../../app/auth/session.server";
import { authenticate, createUser } from "../../app/auth/users.server";
import { createCohort, importParticipants } from "../../app/cohorts/cohorts.server";
import { parseParticipantsCsv } from "../../app/cohorts/csv";
import type { Course } from "../../app/content/types";
import { completeLesson, enrol, recordLessonView } from "../../app/learning/progress.server";
import { answerQuestion, startAttempt } from "../../app/learning/quiz.server";
import { completionReport } from "../../app/reports/report.server";
import { closeRuntime, type Runtime } from "../../app/runtime.server";
import { action as accountAction, loader as accountLoader } from "../../app/routes/admin.users.$userId";
import { action as usersAction } from "../../app/routes/admin.users._index";
import { action as loginAction } from "../../app/routes/login";
import { action as resetAction } from "../../app/routes/reset-password.$token";
import { loader as csvLoader } from "../../app/routes/profile_.data[.]csv";
import { loader as jsonLoader } from "../../app/routes/profile_.data[.]json";
import { formOf, MINI_RIGHT } from "../helpers/answers";
import { getAs, postAs, statusOf } from "../helpers/http";
import { testRuntime } from "../helpers/runtime";
import { startSmtp, linkIn, type TestSmtp } from "../helpers/smtp";

const PUBLIC_URL = "https://learning.example.org";
const LOGIN = { freeFailures: 5, maxDelayMinutes: 15, hashCost: 10 };

let smtp: TestSmtp;
let rt: Runtime;
let context: Awaited<ReturnType<typeof testRuntime>>["context"];
let course: Course;
const ids: Record<string, string> = {};
const cookies: Record<string, string> = {};
const passwordOf = (email: string) => `${email} password 2026`;

async function person(email: string, role: "learner" | "manager" | "admin", name: string, profile: Record<string, string> = {}) {
  const r = await createUser(rt.db, { name, email, password: passwordOf(email), locale: "en", role }, 10);
  if (!r.ok) throw new Error(r.reason);
  if (Object.keys(profile).length) await rt.db.updateTable("users").set(profile).where("id", "=", r.user.id).execute();
  ids[email] = r.user.id;
  cookies[email] = (await startSession(rt, r.user.id)).split(";")[0]!;
  return r.user.id;
}

const ADMIN = "admin@example.org";
const sessionUser = async (email: string): Promise<SessionUser> => {
  const u = await rt.db.selectFrom("users").select(["id", "email", "name", "role", "locale"]).where("id", "=", ids[email]!).executeTakeFirstOrThrow();
  return u;
};
const signedInAs = async (cookie: string) => (await getSessionUser(rt, getAs("/dashboard", cookie))).user?.id ?? null;
const sessionsOf = async (userId: string) => (await rt.db.selectFrom("sessions").select("id").where("user_id", "=", userId).execute()).length;
const auditOf = (action: string, targetId: string) => rt.db.selectFrom("audit_log").selectAll().where("action", "=", action).where("target_id", "=", targetId).execute();
const accountPost = (userId: string, fields: Record<string, string>, as = ADMIN) => accountAction({ request: postAs(`/admin/users/${userId}`, cookies[as], fields), params: { userId }, context });
async function body<T = Record<string, unknown>>(p: Promise<Response>): Promise<{ status: number; data: T }> {
  const r = await p;
  return { status: r.status, data: (await r.json()) as T };
}
const signIn = (email: string, password: string) =>
  loginAction({ request: postAs("/login", "", { email, password }), params: {}, context: { ...context, clientIp: `198.51.100.${Math.floor(Math.random() * 200)}` } });

/** Enrols the learner in mini, reads both lessons, passes the quiz and receives the certificate. */
async function completeMini(userId: string) {
  await enrol(rt.db, userId, "mini");
  for (const l of ["l-one", "l-two"]) {
    await recordLessonView(rt.db, userId, "mini", l);
    await completeLesson(rt.db, userId, course, l);
  }
  const quiz = course.quizzes[0]!;
  const start = await startAttempt(rt.db, userId, course, quiz);
  if (!start.ok) throw new Error("no attempt");
  for (const q of quiz.questions) await answerQuestion(rt.db, userId, course, quiz, start.attemptId, q.id, formOf(MINI_RIGHT[q.id]!));
  return { attemptId: start.attemptId, certificate: await issueCertificate(rt.db, userId, course) };
}

let cohortId = "";

beforeAll(async () => {
  smtp = await startSmtp();
  ({ rt, context } = await testRuntime("tests/fixtures/courses", { SMTP_URL: smtp.url, MAIL_FROM: "Learning <learning@example.org>", PUBLIC_URL }));
  course = rt.catalog.byId.get("mini")!;
  await person(ADMIN, "admin", "Ade Admin");
  await person("manager@example.org", "manager", "Maria Manager");
  // A cohort of 12: six with accounts (two completed), six listed only; countries and genders to break down by.
  cohortId = await createCohort(rt.db, await sessionUser("manager@example.org"), { name: "Cohort A", programme: "Donor programme", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["mini"] });
  const csv = ["name,email,country,organisation type,gender"];
  for (let i = 0; i < 12; i++) csv.push(`Person ${i},p${i}@example.org,${["SN", "GH", "KE"][i % 3]},${["mfa", "csirt", ""][i % 3]},${["female", "male", ""][i % 3]}`);
  const { rows, problems } = parseParticipantsCsv(csv.join("\n"));
  expect(problems).toEqual([]);
  await importParticipants(rt.db, cohortId, rows);
  for (let i = 0; i < 6; i++) {
    const email = `p${i}@example.org`;
    const id = await person(email, "learner", `Person ${i}`, i === 1 ? { country: "NG", gender: "female", org_type: "regulator" } : {});
    await rt.db.updateTable("cohort_participants").set({ user_id: id, accepted_at: Date.now(), invite_token: null }).where("email", "=", email).execute();
    await enrol(rt.db, id, "mini");
    if (i < 2) await completeMini(id);
    else if (i < 4) await recordLessonView(rt.db, id, "mini", "l-one");
  }
  // Learner p0 is also listed, not yet accepted, in a second cohort of the same programme.
  const second = await createCohort(rt.db, await sessionUser("manager@example.org"), { name: "Cohort B", programme: "Donor programme", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["mini"] });
  await importParticipants(rt.db, second, parseParticipantsCsv("name,email\nPerson Zero,p0@example.org\nSomeone Else,else@example.org").rows);
  ids.cohortB = second;
});

afterAll(async () => {
  await smtp.close();
  await closeRuntime(rt);
});

describe("an administrator creates an account", () => {
  let userId = "";
  it("creates it without a password, shows a one-time link once and emails it", async () => {
    const r = await body<{ ok: boolean; created: string; reset: { link: string; mail: string } }>(
      usersAction({ request: postAs("/admin/users", cookies[ADMIN], { intent: "create", name: "Nadia Newcomer", email: "Nadia.Newcomer@Example.org", role: "learner", locale: "fr" }), params: {}, context }),
    );
    expect(r.status).toBe(200);
    expect(r.data.ok).toBe(true);
    userId = r.data.created.split("/").pop()!;
    const row = await rt.db.selectFrom("users").selectAll().where("id", "=", userId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ email: "nadia.newcomer@example.org", name: "Nadia Newcomer", role: "learner", locale: "fr", disabled_at: null, deleted_at: null });
    expect(r.data.reset.link.startsWith(`${PUBLIC_URL}/reset-password/`)).toBe(true);
    expect(r.data.reset.mail).toBe("sent");
    const [mail] = await smtp.waitFor("nadia.newcomer@example.org");
    expect(mail!.subject.startsWith("Votre compte sur")).toBe(true);
    expect(linkIn(mail!.text, PUBLIC_URL)).toBe(r.data.reset.link);
    // No password works until the link sets one.
    expect(await authenticate(rt.db, { email: "nadia.newcomer@example.org", password: "!none", ip: "198.51.100.1" }, LOGIN)).toEqual({ ok: false, reason: "invalid" });
    const token = r.data.reset.link.split("/").pop()!;
    expect(await statusOf(resetAction({ request: postAs(`/reset-password/${token}`, "", { password: "nadia chose this one" }), params: { token }, context }))).toBe(302);
    expect((await authenticate(rt.db, { email: "nadia.newcomer@example.org", password: "nadia chose this one", ip: "198.51.100.1" }, LOGIN)).ok).toBe(true);
  });

  it("records it once in the audit log, with the values it was created with", async () => {
    const entries = await auditOf("user.created", userId);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.details)).toEqual({ after: { email: "nadia.newcomer@example.org", name: "Nadia Newcomer", role: "learner", locale: "fr" } });
    expect(await auditOf("user.reset_link_issued", userId)).toHaveLength(1);
  });

  it("refuses an address already taken, whatever its case, and a malformed one, with a message and a 4xx", async () => {
    const before = (await rt.db.selectFrom("audit_log").select("id").execute()).length;
    const taken = await body<{ errors: Record<string, string>; values: Record<string, string> }>(
      usersAction({ request: postAs("/admin/users", cookies[ADMIN], { intent: "create", name: "Copy", email: "NADIA.newcomer@example.org", role: "learner", locale: "en" }), params: {}, context }),
    );
    expect(taken.status).toBe(409);
    expect(taken.data.errors).toEqual({ email: "admin.account.error.emailTaken" });
    expect(taken.data.values.name).toBe("Copy");
    const bad = await body<{ errors: Record<string, string> }>(
      usersAction({ request: postAs("/admin/users", cookies[ADMIN], { intent: "create", name: "", email: "not-an-address", role: "wizard", locale: "en" }), params: {}, context }),
    );
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toMatchObject({ name: "auth.error.name", email: "auth.error.email", role: "form.error.invalid" });
    expect((await rt.db.selectFrom("audit_log").select("id").execute()).length).toBe(before);
    expect((await rt.db.selectFrom("users").select("id").where("name", "=", "Copy").execute()).length).toBe(0);
  });

  it("is for administrators only", async () => {
    const fields = { intent: "create", name: "Intruder", email: "intruder@example.org", role: "admin", locale: "en" };
    expect(await statusOf(usersAction({ request: postAs("/admin/users", cookies["manager@example.org"], fields), params: {}, context }))).toBe(403);
    expect(await statusOf(usersAction({ request: postAs("/admin/users", cookies["p2@example.org"], fields), params: {}, context }))).toBe(403);
    expect(await rt.db.selectFrom("users").select("id").where("email", "=", "intruder@example.org").executeTakeFirst()).toBeUndefined();
  });
});

describe("disabling and enabling an account", () => {
  const email = "p4@example.org";
  let second = "";
  let link = "";
  beforeAll(async () => {
    second = (await startSession(rt, ids[email]!)).split(";")[0]!;
    link = (await createResetLink(rt.db, ids[email]!, ids[ADMIN]!)).token;
  });

  it("ends every session, refuses the reset links and refuses sign-in with a clear message", async () => {
    expect(await signedInAs(second)).toBe(ids[email]);
    const r = await body<{ ok: boolean; message: string }>(accountPost(ids[email]!, { intent: "disable" }));
    expect(r).toEqual({ status: 200, data: expect.objectContaining({ ok: true, message: "admin.account.disabled" }) });
    expect(await sessionsOf(ids[email]!)).toBe(0);
    expect(await signedInAs(cookies[email]!)).toBeNull();
    expect(await signedInAs(second)).toBeNull();
    expect(await findResetLink(rt.db, link)).toBeNull();
    // An administrator cannot issue a new one either.
    expect(await statusOf(accountPost(ids[email]!, { intent: "reset-link" }))).toBe(404);

    const refused = await body<{ errors: Record<string, string> }>(signIn(email, passwordOf(email)));
    expect(refused.status).toBe(403);
    expect(refused.data.errors).toEqual({ form: "auth.error.disabled" });
    // A wrong password says what it says for any account: being disabled is told only to the password's holder.
    const wrong = await body<{ errors: Record<string, string> }>(signIn(email, "not the password at all"));
    expect(wrong.status).toBe(401);
    expect(wrong.data.errors).toEqual({ form: "auth.error.invalid" });
  });

  it("records one entry, and none for disabling it again", async () => {
    expect(await body(accountPost(ids[email]!, { intent: "disable" }))).toMatchObject({ status: 200, data: { message: "admin.account.unchanged" } });
    const entries = await auditOf("user.disabled", ids[email]!);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.details)).toEqual({ before: { disabled: false }, after: { disabled: true } });
  });

  it("lets the account sign in again once enabled, recorded once", async () => {
    expect(await body(accountPost(ids[email]!, { intent: "enable" }))).toMatchObject({ status: 200, data: { message: "admin.account.enabled" } });
    expect(await statusOf(signIn(email, passwordOf(email)))).toBe(302);
    expect(await auditOf("user.enabled", ids[email]!)).toHaveLength(1);
  });

  it("never disables or deletes one's own account, nor the last administrator", async () => {
    for (const intent of ["disable", "delete"]) {
      const r = await body<{ errors: Record<string, string> }>(accountPost(ids[ADMIN]!, { intent, confirm: "yes" }));
      expect(r.status).toBe(409);
      expect(r.data.errors).toEqual({ form: "admin.account.error.self" });
    }
    // A second administrator; then the first stops being one (their session says admin still, as a
    // request already under way would): the second is now the last who can sign in.
    const other = await person("admin2@example.org", "admin", "Second Admin");
    const actor = await sessionUser(ADMIN);
    await rt.db.updateTable("users").set({ role: "manager" }).where("id", "=", ids[ADMIN]!).execute();
    expect(await setAccountDisabled(rt.db, actor, other, true)).toEqual({ ok: false, status: 409, errors: { form: "admin.account.error.lastAdmin" } });
    expect(await deleteAccount(rt.db, actor, other)).toEqual({ ok: false, status: 409, errors: { form: "admin.account.error.lastAdmin" } });
    await rt.db.updateTable("users").set({ role: "admin" }).where("id", "=", ids[ADMIN]!).execute();
    expect(await auditOf("user.disabled", other)).toHaveLength(0);
    expect(await auditOf("user.disabled", ids[ADMIN]!)).toHaveLength(0);
  });

  it("is for administrators only", async () => {
    expect(await statusOf(accountPost(ids["p5@example.org"]!, { intent: "disable" }, "manager@example.org"))).toBe(403);
    expect(await statusOf(accountPost(ids["p5@example.org"]!, { intent: "disable" }, "p2@example.org"))).toBe(403);
    expect(await statusOf(accountLoader({ request: getAs(`/admin/users/${ids["p5@example.org"]}`, cookies["p2@example.org"]), params: { userId: ids["p5@example.org"]! }, context }))).toBe(403);
    expect(await sessionsOf(ids["p5@example.org"]!)).toBe(1);
  });
});

describe("editing an account's name and email", () => {
  const email = "p3@example.org";
  it("refuses an address another account has (in any case) with a message, and a malformed one, changing nothing", async () => {
    const taken = await body<{ errors: Record<string, string>; values: Record<string, string> }>(accountPost(ids[email]!, { intent: "edit", name: "Person 3", email: "P2@EXAMPLE.ORG" }));
    expect(taken.status).toBe(409);
    expect(taken.data.errors).toEqual({ email: "admin.account.error.emailTaken" });
    expect(taken.data.values.email).toBe("P2@EXAMPLE.ORG");
    const bad = await body<{ errors: Record<string, string> }>(accountPost(ids[email]!, { intent: "edit", name: "Person 3", email: "p3@" }));
    expect(bad.status).toBe(400);
    expect(bad.data.errors).toEqual({ email: "auth.error.email" });
    expect(await rt.db.selectFrom("users").select("email").where("id", "=", ids[email]!).executeTakeFirst()).toEqual({ email });
    expect(await auditOf("user.edited", ids[email]!)).toHaveLength(0);
  });

  it("saves a new name and address, ends no session, and records both values once", async () => {
    const r = await body(accountPost(ids[email]!, { intent: "edit", name: "Person Three", email: "Three@Example.org" }));
    expect(r).toMatchObject({ status: 200, data: { message: "admin.account.saved" } });
    expect(await signedInAs(cookies[email]!)).toBe(ids[email]);
    expect((await authenticate(rt.db, { email: "three@example.org", password: passwordOf(email), ip: "198.51.100.2" }, LOGIN)).ok).toBe(true);
    const entries = await auditOf("user.edited", ids[email]!);
    expect(entries).toHaveLength(1);
    expect(JSON.parse(entries[0]!.details)).toEqual({ before: { name: "Person 3", email }, after: { name: "Person Three", email: "three@example.org" } });
    expect(await body(accountPost(ids[email]!, { intent: "edit", name: "Person Three", email: "three@example.org" }))).toMatchObject({ data: { message: "admin.account.unchanged" } });
    expect(await auditOf("user.edited", ids[email]!)).toHaveLength(1);
  });
});

describe("deleting an account", () => {
  const email = "p0@example.org";
  const report = async (cohortIds: string[]) => {
    const r = await completionReport(rt.db, course, { cohortIds, courseId: "mini" }, "name", "asc", 1);
    return { summary: r.summary, breakdowns: r.breakdowns, total: r.total };
  };
  let certificateCode = "";

  beforeAll(async () => {
    certificateCode = (await rt.db.selectFrom("certificates").select("code").where("user_id", "=", ids[email]!).executeTakeFirstOrThrow()).code;
    await rt.db.insertInto("exercise_drafts").values({ user_id: ids[email]!, course_id: "mini", exercise_id: "ex", answers: '{"p":"my private plan"}', status: "submitted", updated_at: 1, submitted_at: 1, reviewed_at: null }).execute();
  });

  it("needs the confirmation ticked", async () => {
    const r = await body<{ errors: Record<string, string> }>(accountPost(ids[email]!, { intent: "delete" }));
    expect(r.status).toBe(400);
    expect(r.data.errors).toEqual({ confirm: "admin.account.delete.confirmRequired" });
    expect(await auditOf("user.deleted", ids[email]!)).toHaveLength(0);
  });

  it("leaves every total of the cohort and programme reports unchanged", async () => {
    const before = { a: await report([cohortId]), programme: await report([cohortId, ids.cohortB!]) };
    expect(before.a.summary.funnel).toMatchObject({ listed: 12, enrolled: 6, started: 4, completed: 2 });
    expect(before.programme.total).toBe(13);
    const r = await accountPost(ids[email]!, { intent: "delete", confirm: "yes" });
    expect(r.status).toBe(302);
    expect(r.headers.get("Location")).toBe("/admin/users?deleted=1");
    expect({ a: await report([cohortId]), programme: await report([cohortId, ids.cohortB!]) }).toEqual(before);
  });

  it("erases what names or reaches the person, and keeps the coarse attributes", async () => {
    const row = await rt.db.selectFrom("users").selectAll().where("id", "=", ids[email]!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ name: "", organisation: null, role: "learner", password_hash: "!none" });
    expect(row.deleted_at).not.toBeNull();
    expect(row.email).toMatch(/@deleted\.invalid$/);
    const everything = JSON.stringify(
      await Promise.all(
        (["users", "cohort_participants", "certificates", "exercise_drafts", "sessions", "password_resets", "login_devices"] as const).map((t) => rt.db.selectFrom(t).selectAll().execute()),
      ),
    );
    expect(everything).not.toContain(email);
    expect(everything).not.toContain("Person 0");
    expect(everything).not.toContain("my private plan");
    expect(await sessionsOf(ids[email]!)).toBe(0);
    expect(await signedInAs(cookies[email]!)).toBeNull();
    expect((await body<{ errors: Record<string, string> }>(signIn(email, passwordOf(email)))).status).toBe(401);
    // The enrolment and attempts stay, for the reports; the page of the account is gone.
    expect(await rt.db.selectFrom("quiz_attempts").select("id").where("user_id", "=", ids[email]!).execute()).toHaveLength(1);
    expect(await statusOf(accountLoader({ request: getAs(`/admin/users/${ids[email]}`, cookies[ADMIN]), params: { userId: ids[email]! }, context }))).toBe(404);
    // Nor can it be given a role again.
    expect(await statusOf(usersAction({ request: postAs("/admin/users", cookies[ADMIN], { userId: ids[email]!, role: "admin" }), params: {}, context }))).toBe(404);
  });

  it("keeps the certificate counted, and its verification page says truthfully whose it no longer names", async () => {
    const v = await verification(rt, certificateCode, "en", "https://learn.example.org");
    expect(v).toMatchObject({ holderDeleted: true, name: "", revokedAt: null, programme: "Donor programme" });
    const other = await rt.db.selectFrom("certificates").select("code").where("user_id", "=", ids["p1@example.org"]!).executeTakeFirstOrThrow();
    expect(await verification(rt, other.code, "en", "https://learn.example.org")).toMatchObject({ holderDeleted: false, name: "Person 1" });
  });

  it("is recorded once, naming whom, and the address can be registered again", async () => {
    const entries = await auditOf("user.deleted", ids[email]!);
    expect(entries).toHaveLength(1);
    expect(entries[0]!.target_label).toBe(email);
    expect(JSON.parse(entries[0]!.details).before).toEqual({ name: "Person 0", email, role: "learner" });
    expect((await createUser(rt.db, { name: "Person 0 again", email, password: "a fresh start 2026", locale: "en" }, 10)).ok).toBe(true);
  });
});

describe("a learner downloads their own data", () => {
  const email = "p1@example.org";
  const other = "p2@example.org";
  beforeAll(async () => {
    const u = ids[email]!;
    await rt.db.updateTable("users").set({ organisation: "=HYPERLINK(\"http://evil.example\")" }).where("id", "=", u).execute();
    await rt.db.insertInto("exercise_drafts").values({ user_id: u, course_id: "mini", exercise_id: "ex", answers: '{"p":"draft of person one"}', status: "returned", updated_at: 1, submitted_at: 1, reviewed_at: 2 }).execute();
    await rt.db.insertInto("exercise_comments").values({ id: "c1", user_id: u, course_id: "mini", exercise_id: "ex", author_id: ids[ADMIN]!, body: "Name a lead authority.", created_at: 2 }).execute();
    await rt.db.insertInto("scenario_runs").values({ id: "run-1", user_id: u, course_id: "mini", exercise_id: "sc", path: '["c-acknowledge"]', current_step: "s2", started_at: 1, finished_at: null }).execute();
    // Another learner's records, none of which may appear.
    await rt.db.insertInto("exercise_drafts").values({ user_id: ids[other]!, course_id: "mini", exercise_id: "ex", answers: '{"p":"secret of person two"}', status: "draft", updated_at: 1, submitted_at: null, reviewed_at: null }).execute();
    await rt.db.insertInto("scenario_runs").values({ id: "run-2", user_id: ids[other]!, course_id: "mini", exercise_id: "sc", path: "[]", current_step: "s1", started_at: 1, finished_at: null }).execute();
  });

  it("as JSON: every kind of record of theirs, and nothing of another learner", async () => {
    const r = await jsonLoader({ request: getAs("/profile/data.json", cookies[email]), params: {}, context });
    expect(r.status).toBe(200);
    expect(r.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(r.headers.get("Content-Disposition")).toMatch(/^attachment; filename="my-data-\d{4}-\d{2}-\d{2}\.json"$/);
    const text = await r.text();
    const data = JSON.parse(text) as PersonalData;
    for (const section of EXPORT_SECTIONS) expect([section, data.sections[section].length > 0]).toEqual([section, true]);
    expect(data.sections.profile[0]).toMatchObject({ email, name: "Person 1", country: "NG", gender: "female", org_type: "regulator" });
    expect(data.sections.profile[0]).not.toHaveProperty("password_hash");
    expect(data.sections.quiz_answers).toHaveLength(course.quizzes[0]!.questions.length);
    expect(data.sections.quiz_answers.every((a) => a.correct === true && typeof a.answered_at === "string")).toBe(true);
    expect(data.sections.exercise_drafts[0]!.answers).toEqual({ p: "draft of person one" });
    expect(data.sections.exercise_comments[0]).toMatchObject({ body: "Name a lead authority.", author_name: "Ade Admin" });
    expect(data.sections.cohort_places[0]).toMatchObject({ cohort: "Cohort A", email });
    expect(data.sections.certificates[0]).toMatchObject({ learner_name: "Person 1", course_id: "mini" });
    expect(text).not.toContain(other);
    expect(text).not.toContain("Person 2");
    expect(text).not.toContain("secret of person two");
    expect(text).not.toContain("run-2");
    expect(text).not.toContain(ids[other]!);
    expect(text).not.toContain("invite_token");
  });

  it("as CSV: the same records in one table, with formulas neutralised", async () => {
    const r = await csvLoader({ request: getAs("/profile/data.csv", cookies[email]), params: {}, context });
    expect(r.headers.get("Content-Type")).toMatch(/^text\/csv/);
    // Response.text() would drop the byte-order mark that spreadsheets need: read the bytes.
    const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await r.arrayBuffer());
    expect(text.startsWith("\uFEFFsection,record,field,value\r\n")).toBe(true);
    expect(text).toContain(`profile,1,email,${email}\r\n`);
    expect(text).toContain(`profile,1,organisation,"'=HYPERLINK(""http://evil.example"")"\r\n`);
    for (const section of EXPORT_SECTIONS) expect([section, text.includes(`\r\n${section},1,`)]).toEqual([section, true]);
    expect(text).not.toContain("secret of person two");
  });

  it("is recorded as an export of personal data, once per download", async () => {
    const entries = await auditOf("export.personal_data", ids[email]!);
    expect(entries.map((e) => [e.actor_id, JSON.parse(e.details).format]).sort()).toEqual([
      [ids[email], "csv"],
      [ids[email], "json"],
    ]);
  });

  it("asks a visitor to sign in first", async () => {
    expect(await statusOf(jsonLoader({ request: getAs("/profile/data.json", ""), params: {}, context }))).toBe(302);
  });
});
