// Offline reading (decision 034), through the routes themselves on a real database: who gets which
// offline list, what a queue of lessons marked read offline records (once), and who may download a
// module as one file.
import { beforeAll, describe, expect, it } from "vitest";
import { startSession } from "../../app/auth/session.server";
import { createUser } from "../../app/auth/users.server";
import { enrol } from "../../app/learning/progress.server";
import { offlineKey } from "../../app/offline/keys.server";
import { WORKER_TEXT, type OfflineManifest } from "../../app/offline/manifest.server";
import { headers as rootHeaders, loader as rootLoader } from "../../app/root";
import { loader as lessonLoader } from "../../app/routes/courses.$courseId.lessons.$lessonId";
import { loader as moduleLoader } from "../../app/routes/courses.$courseId.modules.$moduleId[.]html";
import { loader as manifestLoader } from "../../app/routes/offline.manifest[.]json";
import { action as syncAction } from "../../app/routes/offline.sync";
import type { Runtime } from "../../app/runtime.server";
import { assignInstructor } from "../../app/teaching/staff.server";
import { getAs, statusOf } from "../helpers/http";
import { testRuntime } from "../helpers/runtime";

let rt: Runtime;
let context: Awaited<ReturnType<typeof testRuntime>>["context"];
const people: Record<string, { id: string; cookie: string }> = {};

beforeAll(async () => {
  ({ rt, context } = await testRuntime());
  const accounts = [
    ["learner", "learner", "en"],
    ["french", "learner", "fr"],
    ["other", "learner", "en"],
    ["instructor", "instructor", "en"],
    ["outsider", "learner", "en"],
  ] as const;
  for (const [who, role, locale] of accounts) {
    const r = await createUser(rt.db, { name: who, email: `${who}@example.org`, password: "long enough pass", locale, role }, 10);
    if (!r.ok) throw new Error(r.reason);
    people[who] = { id: r.user.id, cookie: (await startSession(rt, r.user.id)).split(";")[0]! };
  }
  await enrol(rt.db, people.learner!.id, "mini");
  await enrol(rt.db, people.french!.id, "mini");
  await enrol(rt.db, people.other!.id, "branching");
  expect(await assignInstructor(rt.db, "mini", "instructor@example.org")).toEqual({ ok: true, already: false });
});

const manifestOf = async (who: string | null) => {
  const res = (await manifestLoader({ request: getAs("/offline/manifest.json", who ? people[who]!.cookie : undefined), params: {}, context })) as Response;
  return { res, body: (await res.json()) as OfflineManifest };
};
const sync = (who: string | null, fields: Record<string, string | string[]>) => {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const x of [v].flat()) body.append(k, x);
  const request = new Request("http://localhost/offline/sync", {
    method: "POST",
    headers: { Cookie: who ? people[who]!.cookie : "", "Content-Type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
  return syncAction({ request, params: {}, context });
};
const lessonRows = (who: string) => rt.db.selectFrom("lesson_progress").selectAll().where("user_id", "=", people[who]!.id).orderBy("lesson_id").execute();

describe("the offline list (/offline/manifest.json)", () => {
  it("sends a signed-out visitor to the login page", async () => {
    const thrown = await manifestLoader({ request: getAs("/offline/manifest.json", undefined), params: {}, context }).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(302);
    expect((thrown as Response).headers.get("Location")).toBe("/login?redirectTo=%2Foffline%2Fmanifest.json");
  });

  it("lists a learner's own courses only: the course page, its glossary and every lesson, with where reading goes next", async () => {
    const { res, body } = await manifestOf("learner");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
    expect(body.key).toBe(offlineKey(people.learner!.id));
    expect(body).toMatchObject({ lang: "en", dir: "ltr", locale: "en" });
    expect(body.courses).toEqual([
      {
        id: "mini",
        title: "Mini course",
        lang: "en",
        dir: "ltr",
        path: "/courses/mini",
        glossary: "/courses/mini/glossary",
        lessons: [
          { id: "l-one", title: "Lesson one", path: "/courses/mini/lessons/l-one", next: "/courses/mini/lessons/l-two" },
          // the module's quiz comes next: it needs the network, so reading goes back to the course page
          { id: "l-two", title: expect.any(String), path: "/courses/mini/lessons/l-two", next: "/courses/mini" },
        ],
      },
    ]);
    expect(Object.keys(body.text).sort()).toEqual([...WORKER_TEXT].sort());
    expect(body.text["offline.savedCopy"]).toContain("{date}");
    // Nothing about anyone: no name, no address.
    expect(JSON.stringify(body)).not.toMatch(/learner@example\.org|other@example\.org/);
  });

  it("gives each learner their own list under their own key, in their language", async () => {
    const other = (await manifestOf("other")).body;
    expect(other.key).toBe(offlineKey(people.other!.id));
    expect(other.key).not.toBe(offlineKey(people.learner!.id));
    expect(other.courses.map((c) => c.id)).toEqual(["branching"]);
    expect(other.courses[0]!.glossary).toBeNull();

    const french = (await manifestOf("french")).body;
    expect(french).toMatchObject({ lang: "fr", dir: "ltr" });
    expect(french.courses[0]).toMatchObject({ id: "mini", lang: "fr", title: "Mini cours" });
    expect(french.text["offline.title"]).toBe("Vous êtes hors connexion");
    expect(french.version).not.toBe((await manifestOf("learner")).body.version);
  });

  it("lists nothing for staff who are enrolled in nothing, even for a course they look after", async () => {
    const { body } = await manifestOf("instructor");
    expect(body.key).toBe(offlineKey(people.instructor!.id));
    expect(body.courses).toEqual([]);
  });

  it("changes its version when the list changes, and only then", async () => {
    const before = (await manifestOf("other")).body.version;
    expect((await manifestOf("other")).body.version).toBe(before);
    await enrol(rt.db, people.other!.id, "mini");
    const after = (await manifestOf("other")).body;
    expect(after.courses.map((c) => c.id).sort()).toEqual(["branching", "mini"]);
    expect(after.version).not.toBe(before);
  });

  it("has the same version whichever server process answers (each loads the catalogue itself)", async () => {
    const { rt: second, context: ctx } = await testRuntime();
    const r = await createUser(second.db, { name: "S", email: "s@example.org", password: "long enough pass", locale: "en" }, 10);
    if (!r.ok) throw new Error(r.reason);
    await enrol(second.db, r.user.id, "mini");
    expect(second.catalog).not.toBe(rt.catalog);
    const res = (await manifestLoader({ request: getAs("/offline/manifest.json", (await startSession(second, r.user.id)).split(";")[0]), params: {}, context: ctx })) as Response;
    expect(((await res.json()) as OfflineManifest).version).toBe((await manifestOf("learner")).body.version);
  });

  it("drops a course that went back to draft", async () => {
    const { rt: own, context: ctx } = await testRuntime();
    const r = await createUser(own.db, { name: "D", email: "d@example.org", password: "long enough pass", locale: "en" }, 10);
    if (!r.ok) throw new Error(r.reason);
    await enrol(own.db, r.user.id, "mini");
    (own.catalog.byId.get("mini") as { status: string }).status = "draft";
    const res = (await manifestLoader({ request: getAs("/offline/manifest.json", (await startSession(own, r.user.id)).split(";")[0]), params: {}, context: ctx })) as Response;
    expect(((await res.json()) as OfflineManifest).courses).toEqual([]);
  });
});

describe("lessons marked read offline (/offline/sync)", () => {
  it("records them for the signed-in learner, once however often the queue is sent", async () => {
    const key = offlineKey(people.learner!.id);
    const first = (await sync("learner", { key, read: ["mini/l-one"] })) as Response;
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, done: ["mini/l-one"], refused: [] });
    const [row] = await lessonRows("learner");
    expect(row?.lesson_id).toBe("l-one");
    expect(Number(row?.completed_at)).toBeGreaterThan(0);

    // The answer lost on the way back: the worker sends the same queue again, twice in one request too.
    const again = (await sync("learner", { key, read: ["mini/l-one", "mini/l-one"] })) as Response;
    expect(await again.json()).toEqual({ ok: true, done: ["mini/l-one"], refused: [] });
    const rows = await lessonRows("learner");
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.completed_at)).toBe(Number(row!.completed_at));
  });

  it("leaves the course's progress as it was when a queue already recorded comes again", async () => {
    const key = offlineKey(people.learner!.id);
    await sync("learner", { key, read: ["mini/l-two"] });
    const state = async () => ({
      lessons: (await lessonRows("learner")).map((r) => [r.lesson_id, Number(r.completed_at)]),
      modules: await rt.db.selectFrom("module_progress").selectAll().where("user_id", "=", people.learner!.id).execute(),
      enrolment: await rt.db.selectFrom("enrolments").select(["completed_at", "started_at"]).where("user_id", "=", people.learner!.id).execute(),
    });
    const before = await state();
    expect(before.lessons.map(([id]) => id)).toEqual(["l-one", "l-two"]);
    await sync("learner", { key, read: ["mini/l-one", "mini/l-two"] });
    await sync("learner", { key, read: ["mini/l-two"] });
    expect(await state()).toEqual(before);
  });

  it("refuses a queue saved under another person's key, whole, and records nothing", async () => {
    const before = await lessonRows("other");
    const res = (await sync("other", { key: offlineKey(people.learner!.id), read: ["mini/l-one", "branching/l-only"] })) as Response;
    expect(res.status).toBe(409);
    expect(await lessonRows("other")).toEqual(before);
  });

  it("refuses lessons of courses the learner is not in, and lessons that do not exist, without recording them", async () => {
    const res = (await sync("instructor", { key: offlineKey(people.instructor!.id), read: ["mini/l-one", "mini/l-nope", "nope/l-one", "../x", "__proto__/x"] })) as Response;
    expect(await res.json()).toEqual({ ok: true, done: [], refused: ["mini/l-one", "mini/l-nope", "nope/l-one", "../x", "__proto__/x"] });
    expect(await lessonRows("instructor")).toEqual([]);
  });

  it("sends a signed-out worker to the login page, and answers a malformed form with 400", async () => {
    expect(await statusOf(sync(null, { key: "x", read: "mini/l-one" }))).toBe(302);
    expect(await statusOf(sync("learner", { read: "mini/l-one" }))).toBe(400);
    expect(await statusOf(sync("learner", { key: offlineKey(people.learner!.id), read: Array.from({ length: 201 }, (_, i) => `mini/l-${i}`) }))).toBe(400);
  });
});

describe("whose page it is, and the worker's saving ahead", () => {
  it("names the signed-in person (or nobody) in X-Offline-User on every page", async () => {
    const signedIn = (await rootLoader({ request: getAs("/", people.learner!.cookie), params: {}, context })) as Response;
    expect(signedIn.headers.get("X-Offline-User")).toBe(offlineKey(people.learner!.id));
    const anonymous = (await rootLoader({ request: getAs("/", undefined), params: {}, context })) as Response;
    expect(anonymous.headers.get("X-Offline-User")).toBe("anonymous");
    const page = new Headers(rootHeaders({ loaderHeaders: signedIn.headers, parentHeaders: new Headers(), actionHeaders: new Headers(), errorHeaders: undefined }) as HeadersInit);
    expect(page.get("X-Offline-User")).toBe(offlineKey(people.learner!.id));
    expect(page.get("Set-Cookie")).toBeNull();
  });

  it("does not record a lesson view when the worker saves the lesson ahead (Purpose: prefetch)", async () => {
    const r = await createUser(rt.db, { name: "p", email: "prefetch@example.org", password: "long enough pass", locale: "en" }, 10);
    if (!r.ok) throw new Error(r.reason);
    const cookie = (await startSession(rt, r.user.id)).split(";")[0]!;
    await enrol(rt.db, r.user.id, "mini");
    const ahead = new Request("http://localhost/courses/mini/lessons/l-two", { headers: { Cookie: cookie, Purpose: "prefetch", "Sec-Fetch-Site": "same-origin" } });
    expect(await statusOf(lessonLoader({ request: ahead, params: { courseId: "mini", lessonId: "l-two" }, context }))).toBe(200);
    expect(await rt.db.selectFrom("lesson_progress").selectAll().where("user_id", "=", r.user.id).execute()).toEqual([]);
    const read = new Request("http://localhost/courses/mini/lessons/l-two", { headers: { Cookie: cookie, "Sec-Fetch-Site": "same-origin" } });
    await lessonLoader({ request: read, params: { courseId: "mini", lessonId: "l-two" }, context });
    expect(await rt.db.selectFrom("lesson_progress").select("lesson_id").where("user_id", "=", r.user.id).execute()).toEqual([{ lesson_id: "l-two" }]);
  });
});

describe("a module as one file (/courses/:courseId/modules/:moduleId.html)", () => {
  const file = (who: string | null, moduleId = "m-basics") =>
    moduleLoader({ request: getAs(`/courses/mini/modules/${moduleId}.html`, who ? people[who]!.cookie : undefined), params: { courseId: "mini", moduleId }, context });

  it("gives an enrolled learner the module's lessons in order, as an attachment with a sensible name", async () => {
    const res = (await file("learner")) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/html; charset=utf-8");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="mini-m-basics-en.html"');
    expect(res.headers.get("Cache-Control")).toBe("private, no-store");
    const html = await res.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain("<h1>Basics</h1>");
    expect(html.indexOf(">Lesson one</h2>")).toBeGreaterThan(0);
    expect(html.indexOf(">Lesson one</h2>")).toBeLessThan(html.indexOf('id="title-l-two"'));
    // The lesson's link to lesson two leads to it in the file; its "## Key points" sits under the lesson's h2.
    expect(html).toContain('href="#lesson-l-two"');
    expect(html).toMatch(/<h3[^>]*>Key points<\/h3>/);
    expect(html).toContain("http://localhost/courses/mini");
  });

  it("is in the learner's language where the course has it", async () => {
    const res = (await file("french")) as Response;
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="mini-m-basics-fr.html"');
    const html = await res.text();
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="fr" dir="ltr">/);
    expect(html).toContain("Sommaire");
  });

  it("lets the staff who look after the course have it, and sends anyone else to the course page or the login", async () => {
    expect(await statusOf(file("instructor"))).toBe(200);
    const other = await file("outsider").catch((e: unknown) => e);
    expect(other).toBeInstanceOf(Response);
    expect((other as Response).headers.get("Location")).toBe("/courses/mini");
    expect(await statusOf(file(null))).toBe(302);
    expect(await statusOf(file("learner", "m-nope"))).toBe(404);
  });
});
