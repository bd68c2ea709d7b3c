// One test per finding of the security audit (issue 10), against the real server over HTTP.
// Each was run against the code before its fix and failed there (see the issue's closing note).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../app/auth/users.server";
import { issueCertificate } from "../../app/certificates/certificates.server";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { saveDraft } from "../../app/learning/exercises.server";
import { csvField } from "../../app/reports/format";
import { assignInstructor } from "../../app/teaching/staff.server";
import { Client, startApp, type RunningApp } from "./app";

const { catalog } = loadCatalogFromDisk("courses");
const PASSWORD = "a long enough password";
let app: RunningApp;

beforeAll(async () => {
  app = await startApp();
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

let seq = 0;
/** A new account of `role`, signed in through the real login form. */
async function signedIn(role: "learner" | "instructor" | "manager" | "admin", name = `Person ${++seq}`) {
  const email = `${name.toLowerCase().replace(/\W+/g, ".")}.${seq}@example.org`;
  const r = await createUser(app.db, { name, email, password: PASSWORD, locale: "en", role }, 10);
  if (!r.ok) throw new Error(r.reason);
  const client = new Client(app);
  await client.login(email, PASSWORD);
  return { client, user: r.user, email };
}

async function createCohort(manager: Client, name: string): Promise<string> {
  const res = await manager.post("/manage", { name, programme: `Programme of ${name}`, starts_on: "2026-01-01", ends_on: "2026-12-31", courses: "essentials" });
  expect(res.status).toBe(302);
  return res.headers.get("Location")!.split("/").at(-1)!;
}

async function uploadCsv(manager: Client, cohortId: string, csv: string): Promise<Response> {
  const form = new FormData();
  form.set("intent", "upload");
  form.set("file", new Blob([csv], { type: "text/csv" }), "participants.csv");
  return manager.request(`/manage/cohorts/${cohortId}`, { method: "POST", body: form });
}

describe("finding 1 (high): a manager's CSV import never reads or links anyone's account", () => {
  it("keeps an imported account pending, shows only the CSV's data, and links it only when its person accepts their invitation", async () => {
    const learner = await signedIn("learner", "Nadia Private");
    const profile = await learner.client.post("/profile", { name: "Nadia Private", country: "FR", organisation: "Secret Ministry", org_type: "csirt", gender: "female" });
    expect(profile.status).toBe(200);
    const { client: manager } = await signedIn("manager");
    const cohortId = await createCohort(manager, "Consent cohort");

    const upload = await uploadCsv(manager, cohortId, `name,email,country\nNadia As Listed,${learner.email},SN\nNobody Yet,nobody.yet@example.org,GH\n`);
    const page = await upload.text();
    expect(upload.status).toBe(200);
    // The answer does not tell the manager which addresses have accounts.
    expect(page).not.toMatch(/existing account/i);
    const place = app.sqlite.prepare("select user_id from cohort_participants where cohort_id = ? and email = ?").get(cohortId, learner.email) as { user_id: string | null };
    expect(place.user_id).toBeNull();
    expect(app.sqlite.prepare("select count(*) as n from enrolments where user_id = ?").get(learner.user.id)).toEqual({ n: 0 });

    // The report shows what the CSV said, never the person's own profile.
    const csv = await (await manager.get(`/manage/cohorts/${cohortId}/report.csv?kind=learners`)).text();
    const line = csv.split("\r\n").find((l) => l.includes(learner.email))!;
    expect(line).toContain("Nadia As Listed");
    expect(line).toContain(",SN,");
    expect(csv).not.toContain("Nadia Private");
    expect(csv).not.toContain("female");
    expect(csv).not.toContain(",FR,");

    // A certificate earned meanwhile does not name the cohort's programme.
    const cert = await issueCertificate(app.db, learner.user.id, catalog.byId.get("essentials")!);
    expect(cert?.programme).not.toBe("Programme of Consent cohort");

    // An impostor registering with a listed address is not linked either.
    const impostor = new Client(app);
    const reg = await impostor.post("/register", { name: "Impostor", email: "nobody.yet@example.org", password: PASSWORD, locale: "en" });
    expect(reg.status).toBe(302);
    const nobody = app.sqlite.prepare("select user_id from cohort_participants where cohort_id = ? and email = ?").get(cohortId, "nobody.yet@example.org") as { user_id: string | null };
    expect(nobody.user_id).toBeNull();

    // The manager's mail-merge file carries each person's link; the person accepts it while signed in.
    const links = await manager.get(`/manage/cohorts/${cohortId}/invitations.csv`);
    expect(links.status).toBe(200);
    const link = (await links.text()).split("\r\n").find((l) => l.includes(learner.email))!.split(",").at(-1)!;
    const path = new URL(link).pathname;
    expect((await new Client(app).post(path, {})).status).toBe(302); // anonymous: sent to log in
    expect((await learner.client.post(path, {})).headers.get("Location")).toBe("/dashboard?joined=new");
    const accepted = app.sqlite.prepare("select user_id from cohort_participants where cohort_id = ? and email = ?").get(cohortId, learner.email) as { user_id: string | null };
    expect(accepted.user_id).toBe(learner.user.id);
    const after = await (await manager.get(`/manage/cohorts/${cohortId}/report.csv?kind=learners`)).text();
    expect(after).toContain("Nadia Private");
  });
});

describe("finding 2 (medium): redirects after login stay on the site", () => {
  const payloads = ["/\t/evil.example", "/./\\evil.example", "/../\\evil.example", "//evil.example", "/\\evil.example", "/%09/evil.example", "/\n/evil.example", "https://evil.example/", "/\u0000/evil.example"];
  it.each(payloads)("sends %j to a path on this site", async (redirectTo) => {
    const { email } = await signedIn("learner");
    const client = new Client(app);
    const res = await client.post("/login", { email, password: PASSWORD, redirectTo });
    expect(res.status).toBe(302);
    const location = res.headers.get("Location")!;
    // Resolved as a browser resolves it (the WHATWG URL parser, as in Chromium).
    expect(new URL(location, app.url).origin).toBe(new URL(app.url).origin);
    expect(location.startsWith("/")).toBe(true);
    expect(location).not.toMatch(/[\\\u0000-\u001f]/);
  });
});

describe("finding 3 (medium): request bodies are limited", () => {
  it("answers a 5 MB form with 413 before reading it, and one of unknown length once it passes the limit", async () => {
    const client = new Client(app);
    const big = "lang=en&redirectTo=" + "a".repeat(5 * 1024 * 1024);
    const declared = await client.request("/language", { method: "POST", body: big, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(declared.status).toBe(413);
    expect(await declared.text()).toContain("too large");

    const chunk = new TextEncoder().encode("a".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode("lang=en&redirectTo="));
        if (sent >= 2 * 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const chunked = await client.request("/language", {
      method: "POST",
      body: stream,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      duplex: "half",
    });
    expect(chunked.status).toBe(413);
    expect((await fetch(`${app.url}/healthz`)).status).toBe(200);
  });
});

describe("finding 4 (medium): failed logins slow guessing but lock nobody out", () => {
  it("lets the admin sign in from a known browser while a stranger hammers the account", async () => {
    const { client: admin, email } = await signedIn("admin");
    const attacker = new Client(app);
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await attacker.post("/login", { email, password: `guess number ${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses).toContain(429);
    // The admin's own browser carries its device cookie: the stranger's failures do not apply to it.
    admin.cookies.delete("session");
    expect((await admin.post("/login", { email, password: PASSWORD })).status).toBe(302);
  });

  it("throttles registrations from one address, and does not take X-Forwarded-For from an untrusted client", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 22; i++) {
      const res = await new Client(app).post(
        "/register",
        { name: `Bulk ${i}`, email: `bulk.${i}@example.org`, password: PASSWORD, locale: "en" },
        { "X-Forwarded-For": `198.51.100.${i}` },
      );
      statuses.push(res.status);
    }
    // 20 at once (a room of people behind one address), then one every 15 s.
    expect(statuses.filter((s) => s === 302).length).toBeLessThanOrEqual(20);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("finding 5 (low): unreadable cookies and odd characters are ordinary requests", () => {
  it.each(["lang=%", "session=%", "session=%E0%A4%A; lang=%zz", 'lang="%"'])("serves pages with the cookie %j", async (cookie) => {
    const res = await fetch(`${app.url}/courses`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
  });
  it("keeps the way back to a page short, however long the address asked for", async () => {
    const res = await fetch(`${app.url}/dashboard?x=${"%C3%A9".repeat(2000)}`, { redirect: "manual" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/login");
  });
  it("answers a redirectTo with control characters without a 500", async () => {
    const { email } = await signedIn("learner");
    const res = await new Client(app).post("/login", { email, password: PASSWORD, redirectTo: "/dashboard\r\nSet-Cookie: x=1" });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/dashboard");
  });
});

describe("finding 6 (low): staff see submitted drafts only", () => {
  it("answers 404 to an assigned instructor and an admin on a draft its learner never submitted", async () => {
    const cbms = catalog.byId.get("cbms")!;
    const exercise = [...cbms.exercisesById.values()].find((e) => e.type === "drafting")!;
    const learner = await signedIn("learner");
    await saveDraft(app.db, { userId: learner.user.id, courseId: cbms.id, exerciseId: exercise.id }, {});
    const { client: instructor, user } = await signedIn("instructor");
    await assignInstructor(app.db, cbms.id, user.email);
    const { client: admin } = await signedIn("admin");
    const path = `/teach/reviews/${learner.user.id}/${cbms.id}/${exercise.id}`;
    expect((await instructor.get(path)).status).toBe(404);
    expect((await admin.get(path)).status).toBe(404);
    expect((await instructor.post(path, { decision: "comment", comment: "peeking" })).status).toBe(404);
    expect(app.sqlite.prepare("select count(*) as n from exercise_comments where user_id = ?").get(learner.user.id)).toEqual({ n: 0 });
  });
});

describe("finding 7 (low): production by default, and no stack traces", () => {
  it("shows no stack trace or server path to the browser, and logs none for a 404", async () => {
    const before = app.log().length;
    const missing = await fetch(`${app.url}/no-such-page-${Date.now()}`);
    expect(missing.status).toBe(404);
    const malformed = await fetch(`${app.url}/%E0%A4%A`);
    expect(malformed.status).toBeGreaterThanOrEqual(400);
    expect(malformed.status).toBeLessThan(500);
    const body = await malformed.text();
    expect(body).not.toMatch(/\s+at\s+\S+\s+\(|node_modules|\/work\//);
    const badPath = await fetch(`${app.url}/courses/%zz`);
    expect(badPath.status).toBe(400);
    expect(await badPath.text()).toBe("The address is not valid.");
    // A backslash ("/\" reads as "//") is in no address of ours; the catch-all route made it a 500.
    for (const bad of ["/%5C", "/%5c%5c", "/courses/%5C"]) {
      const answer = await fetch(`${app.url}${bad}`, { redirect: "manual" });
      expect([bad, answer.status]).toEqual([bad, 400]);
    }
    expect(app.log().slice(before)).not.toMatch(/\s+at\s+\S+/);
  });
});

describe("finding 8 (low): a cross-site link cannot write a learner's progress", () => {
  it("records a lesson view for a same-site navigation only", async () => {
    const { client, user } = await signedIn("learner");
    expect((await client.post("/courses/essentials", { intent: "enrol" })).status).toBe(302);
    const lessons = catalog.byId.get("essentials")!.lessons;
    const views = () => (app.sqlite.prepare("select count(*) as n from lesson_progress where user_id = ?").get(user.id) as { n: number }).n;
    expect((await client.get(`/courses/essentials/lessons/${lessons[0]!.id}`, { "Sec-Fetch-Site": "cross-site" })).status).toBe(200);
    expect(views()).toBe(0);
    expect((await client.get(`/courses/essentials/lessons/${lessons[0]!.id}`, { "Sec-Fetch-Site": "same-origin" })).status).toBe(200);
    expect(views()).toBe(1);
  });
});

describe("finding 9 (low): sessions rotate on login and can be ended elsewhere", () => {
  it("ends the session a browser had when it logs in again", async () => {
    const { client, email } = await signedIn("learner");
    const old = client.cookies.get("session")!;
    await client.login(email, PASSWORD);
    expect(client.cookies.get("session")).not.toBe(old);
    const stale = await fetch(`${app.url}/dashboard`, { headers: { Cookie: `session=${old}` }, redirect: "manual" });
    expect(stale.status).toBe(302);
  });

  it("lists one's sessions on the profile and signs out everywhere else", async () => {
    const { client: phone, email } = await signedIn("learner");
    const office = new Client(app);
    await office.login(email, PASSWORD);
    const profile = await (await phone.get("/profile")).text();
    expect(profile).toContain("Where you are signed in");
    expect(profile.match(/name="sessionId"/g)?.length).toBe(1); // the other browser; this one is marked
    expect((await phone.post("/profile", { intent: "end-other-sessions" })).status).toBe(200);
    expect((await office.get("/dashboard")).status).toBe(302);
    expect((await phone.get("/dashboard")).status).toBe(200);
  });
});

describe("finding 10 (info): origin scheme, formula guard, caching and permissions headers", () => {
  it("refuses a POST whose Origin has the right host but another scheme", async () => {
    const { client } = await signedIn("learner");
    const httpsTwin = app.url.replace("http://", "https://");
    expect((await client.request("/profile", { form: { name: "Changed" }, headers: { Origin: httpsTwin } })).status).toBe(403);
  });

  it("neutralises full-width formula characters in CSV exports", () => {
    for (const c of ["＝", "＋", "－", "＠"]) expect(csvField(`${c}1+1`)).toBe(`'${c}1+1`);
  });

  it("marks signed-in pages no-store and sends a Permissions-Policy", async () => {
    const { client } = await signedIn("learner");
    const page = await client.get("/dashboard");
    expect(page.status).toBe(200);
    expect(page.headers.get("Cache-Control")).toBe("no-store");
    const data = await client.get("/dashboard?_data=root");
    expect(data.headers.get("Cache-Control")).toBe("no-store");
    expect(page.headers.get("Permissions-Policy")).toMatch(/camera=\(\)/);
    expect((await fetch(`${app.url}/courses`)).headers.get("Permissions-Policy")).toMatch(/geolocation=\(\)/);
  });
});
