// Issue 18, the details a user trips over: each behaviour through the route that shows it, on the real
// runtime (fixture courses, an in-memory database) handed to loaders and actions as server.mjs does.
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { createUser } from "../../app/auth/users.server";
import { issueCertificate, revokeCertificate } from "../../app/certificates/certificates.server";
import { createCohort, createInvite } from "../../app/cohorts/cohorts.server";
import { getDraft, reviewDraft, submitDraft } from "../../app/learning/exercises.server";
import { readDraft } from "../../app/learning/drafting";
import { enrol } from "../../app/learning/progress.server";
import type { DraftingExercise } from "../../app/content/types";
import type { Runtime } from "../../app/runtime.server";
import { loader as rootLoader } from "../../app/root";
import { action as autosave } from "../../app/routes/courses.$courseId.exercises.$exerciseId.autosave";
import { loader as coursePage } from "../../app/routes/courses.$courseId._index";
import { loader as dashboard } from "../../app/routes/dashboard";
import { loader as joinPage, action as joinAction } from "../../app/routes/join.$code";
import { loader as adminCertificates } from "../../app/routes/admin.certificates";
import { formOf } from "../helpers/answers";
import { getAs, postAs, statusOf } from "../helpers/http";
import { testRuntime } from "../helpers/runtime";

let rt: Runtime;
let context: Awaited<ReturnType<typeof testRuntime>>["context"];
const cookie: Record<string, string> = {};
const id: Record<string, string> = {};
const EXERCISE = "/courses/mini/exercises/ex-plan";

async function person(name: string, role: "learner" | "admin" | "manager", locale = "en") {
  const r = await createUser(rt.db, { name, email: `${name}@example.org`, password: "long enough pass", locale, role }, 10);
  if (!r.ok) throw new Error(r.reason);
  id[name] = r.user.id;
  cookie[name] = (await startSession(rt, r.user.id)).split(";")[0]!;
  return r.user;
}
const json = async (p: Promise<unknown>) => (await (p as Promise<Response>)).json();

beforeAll(async () => {
  ({ rt, context } = await testRuntime());
  await person("ana", "learner");
  await person("ben", "learner");
  await person("root", "admin", "fr");
  await person("mona", "manager");
  await enrol(rt.db, id.ana!, "mini");
});

describe("the drafting page's own saves", () => {
  it("save what the beacon sends (form-encoded, with the session), and only save", async () => {
    const params = { courseId: "mini", exerciseId: "ex-plan" };
    const sent = { intent: "save", "p.p-vision": "The last words before leaving" };
    const before = Date.now();
    const res = (await autosave({ request: postAs(`${EXERCISE}/autosave`, cookie.ana, sent), params, context })) as Response;
    expect(res.status).toBe(200);
    // The time it was saved, which the page shows: now, not any number.
    const { savedAt } = await res.json();
    expect(savedAt).toBeGreaterThanOrEqual(before);
    expect(savedAt).toBeLessThanOrEqual(Date.now());
    const key = { userId: id.ana!, courseId: "mini", exerciseId: "ex-plan" };
    expect((await getDraft(rt.db, key))?.answers["p-vision"]).toBe("The last words before leaving");
    // It never submits, whatever it is sent; a learner not enrolled, or nobody, saves nothing.
    expect(await statusOf(autosave({ request: postAs(`${EXERCISE}/autosave`, cookie.ana, { ...sent, intent: "submit" }), params, context }))).toBe(400);
    expect((await getDraft(rt.db, key))?.status).toBe("draft");
    expect(await statusOf(autosave({ request: postAs(`${EXERCISE}/autosave`, cookie.ben, sent), params, context }))).toBe(302);
    expect(await statusOf(autosave({ request: postAs(`${EXERCISE}/autosave`, undefined, sent), params, context }))).toBe(302);
    expect(await getDraft(rt.db, { ...key, userId: id.ben! })).toBeNull();
  });
});

describe("reviews, seen from both sides", () => {
  it("count the drafts waiting in the reviewer's header, and flag returned and accepted drafts on the learner's dashboard", async () => {
    const course = rt.catalog.byId.get("mini")!;
    const exercise = course.exercisesById.get("ex-plan") as DraftingExercise;
    const key = { userId: id.ana!, courseId: "mini", exerciseId: "ex-plan" };
    const full = readDraft(exercise, formOf({ "p.p-vision": "Vision", "p.p-plan.0.0": "CSIRT", "p.p-plan.0.1": "ICT ministry", "p.p-plan.0.2": "2027" }));
    const nav = async () => (await json(rootLoader({ request: getAs("/", cookie.root), params: {}, context }))).nav as { to: string; label: string; count?: number }[];
    expect((await nav()).find((n) => n.to === "/teach/reviews")).toEqual({ to: "/teach/reviews", label: "nav.reviews" });
    expect(await submitDraft(rt.db, key, exercise, full)).toEqual({ ok: true });
    expect((await nav()).find((n) => n.to === "/teach/reviews")).toEqual({ to: "/teach/reviews", label: "nav.reviewsWaiting", count: 1 });

    const flags = async () => (await json(dashboard({ request: getAs("/dashboard", cookie.ana), params: {}, context }))).reviews as { status: string; exercise: string; path: string }[];
    expect(await flags()).toEqual([]);
    await reviewDraft(rt.db, id.root!, key, { decision: "return", comment: "Name the lead authority." });
    expect(await flags()).toEqual([expect.objectContaining({ status: "returned", path: EXERCISE })]);
    expect((await nav()).find((n) => n.to === "/teach/reviews")?.count).toBeUndefined();
    await submitDraft(rt.db, key, exercise, full);
    await reviewDraft(rt.db, id.root!, key, { decision: "accept", comment: "" });
    expect(await flags()).toEqual([expect.objectContaining({ status: "accepted", path: EXERCISE })]);
    // Someone else's reviews are not theirs to see.
    expect(await json(dashboard({ request: getAs("/dashboard", cookie.ben), params: {}, context })).then((d) => d.reviews)).toEqual([]);
  });
});

describe("a revoked certificate", () => {
  it("is named on the learner's course page with the day it was revoked, and the admin's list says when, in the admin's language", async () => {
    const course = rt.catalog.byId.get("mini")!;
    await rt.db.updateTable("enrolments").set({ completed_at: Date.UTC(2026, 2, 1) }).where("user_id", "=", id.ana!).execute();
    const cert = (await issueCertificate(rt.db, id.ana!, course))!;
    const page = async () => (await json(coursePage({ request: getAs("/courses/mini", cookie.ana), params: { courseId: "mini" }, context }))).certificate;
    expect(await page()).toEqual({ code: cert.code, revokedAt: null });
    const when = Date.UTC(2026, 3, 2, 10);
    await revokeCertificate(rt.db, id.root!, cert.code, "Issued by mistake", when);
    expect(await page()).toEqual({ code: cert.code, revokedAt: when });

    const list = (await json(adminCertificates({ request: getAs("/admin/certificates", cookie.root), params: {}, context }))).certs;
    // The admin reads French: the course's French title, and when it was revoked.
    expect(list).toEqual([expect.objectContaining({ code: cert.code, course: "Mini cours", revokedAt: when })]);
  });
});

describe("invitation codes", () => {
  it("say plainly that an unknown code does not exist, and whether one joined or was already in", async () => {
    const res = (await joinPage({ request: getAs("/join/NOSUCHCODE22", cookie.ben), params: { code: "NOSUCHCODE22" }, context })) as Response;
    expect(res.status).toBe(404);
    expect((await res.json()).invite).toBeNull();

    const cohort = await createCohort(rt.db, { id: id.mona!, role: "manager" }, { name: "C", programme: "P", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["mini"] });
    const code = await createInvite(rt.db, cohort, { days: 7, max_uses: 5 });
    const join = async (who: string) => {
      const r = (await joinAction({ request: postAs(`/join/${code}`, cookie[who], {}), params: { code }, context })) as Response;
      return r.headers.get("Location");
    };
    expect(await join("ben")).toBe("/dashboard?joined=new");
    expect(await join("ben")).toBe("/dashboard?joined=already");
    const notice = async (q: string) => (await json(dashboard({ request: getAs(`/dashboard?joined=${q}`, cookie.ben), params: {}, context }))).notice;
    expect([await notice("new"), await notice("already"), await notice("<b>")]).toEqual(["dashboard.joined", "dashboard.alreadyJoined", null]);
  });
});
