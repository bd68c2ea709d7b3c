// Several app servers, one Postgres database (issue 14, docs/decisions/025): two real server.mjs
// processes on the same database. A session begun on one is good on the other, and what must happen
// once happens once when 50 requests race for it, split across both servers.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createLucia, SESSION_COOKIE } from "../../app/auth/lucia.server";
import { createUser } from "../../app/auth/users.server";
import { createCohort, createInvite, importParticipants, listInvitations } from "../../app/cohorts/cohorts.server";
import { parseParticipantsCsv } from "../../app/cohorts/csv";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { completeLesson, enrol } from "../../app/learning/progress.server";
import { openPostgres, type PostgresDatabase } from "../../db/index";
import { Client, startServer, type RunningServer } from "./app";

const RACERS = 50;
const PASSWORD = "a long enough password";
const LESSON_TEXT =
  "A short lesson that exists so the module is valid. It needs enough words to match its one declared minute of reading, which is about seventy-five words at the rate the platform assumes for readers in a second language, so it goes on a little: points of contact should be known before a crisis, requests should be answered, and information should carry a label that says who may receive it. That is enough words for the check, and a few more.";

/** A course of two lessons, complete when both are read, with a certificate. */
function writeCourse(dir: string) {
  const course = path.join(dir, "race");
  fs.mkdirSync(path.join(course, "01-m"), { recursive: true });
  fs.writeFileSync(
    path.join(course, "course.yaml"),
    'id: race\ntitle: "Race course"\nsummary: "Two lessons and a certificate."\nlanguages: [en]\nstatus: published\nlevel: introductory\nhours: 1\nmodules: [m-race]\ncompletion:\n  lessons: all\ncertificate: true\n',
  );
  fs.writeFileSync(path.join(course, "01-m", "module.yaml"), 'id: m-race\ntitle: "Race"\nobjectives:\n  - "Finish."\nlessons: [l-one, l-two]\n');
  for (const [i, id] of [["01", "l-one"], ["02", "l-two"]] as const)
    fs.writeFileSync(path.join(course, "01-m", `${i}-${id}.md`), `---\nid: ${id}\ntitle: "Lesson ${id}"\nminutes: 1\n---\n${LESSON_TEXT}\n`);
}

let dir: string;
let database: PostgresDatabase;
let servers: [RunningServer, RunningServer];
let lucia: ReturnType<typeof createLucia>;

/** A client of `server` signed in as `userId` by a session made as /login makes them. */
async function signedIn(server: RunningServer, userId: string): Promise<Client> {
  const session = await lucia.createSession(userId, { created_at: Date.now(), user_agent: null });
  const client = new Client(server);
  client.cookies.set(SESSION_COOKIE, session.id);
  return client;
}

async function learner(n: number | string) {
  const r = await createUser(database.db, { name: `Racer ${n}`, email: `racer${n}@example.org`, password: PASSWORD, locale: "en" }, 10);
  if (!r.ok) throw new Error(r.reason);
  return r.user;
}

/** Sends `count` requests at once, alternating between the two servers; the statuses, in order. */
async function race(count: number, send: (server: RunningServer, i: number) => Promise<Response>): Promise<number[]> {
  const responses = await Promise.all(Array.from({ length: count }, (_, i) => send(servers[i % 2]!, i)));
  return responses.map((r) => r.status);
}

beforeAll(async () => {
  const serverUrl = inject("postgresUrl")!;
  const name = `race_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = serverUrl.replace(/\/[^/?]*$/, `/${name}`);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "cdl-race-"));
  writeCourse(dir);
  // Both start at once on the empty database: one applies the migrations, the other waits its turn.
  const env = { DATABASE_URL: url, COURSES_DIR: dir, BACKUP_DIR: path.join(dir, "backups") };
  servers = (await Promise.all([startServer(env), startServer(env)])) as [RunningServer, RunningServer];
  database = openPostgres(url);
  lucia = createLucia(database.db, false);
}, 90_000);

afterAll(async () => {
  await Promise.all(servers?.map((s) => s.stop()) ?? []);
  await database?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe("two app servers on one Postgres database", () => {
  it("both migrated the empty database without tripping over each other, and answer", async () => {
    const applied = await database.db.selectFrom("kysely_migration").select("name").execute();
    expect(applied.length).toBeGreaterThan(10);
    for (const s of servers) expect((await fetch(`${s.url}/healthz`)).status).toBe(200);
  });

  it("signs in on one and carries on on the other, and signing out on the other ends it on both", async () => {
    const user = await learner("session");
    const a = new Client(servers[0]);
    await a.login(user.email, PASSWORD);
    const b = new Client(servers[1]);
    b.cookies = a.cookies;
    const page = await b.get("/dashboard");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Racer session");
    const cookie = b.cookieHeader;
    expect((await b.post("/logout", {})).status).toBe(302);
    // The session ended in the shared database: the first server no longer knows it either.
    const after = await fetch(`${servers[0].url}/dashboard`, { headers: { Cookie: cookie }, redirect: "manual" });
    expect(after.status).toBe(302);
    expect(after.headers.get("location")).toMatch(/^\/login/);
  });

  it(`issues one certificate when ${RACERS} requests complete the last lesson at once`, async () => {
    const user = await learner("cert");
    const course = loadCatalogFromDisk(dir).catalog.byId.get("race")!;
    await enrol(database.db, user.id, "race");
    await completeLesson(database.db, user.id, course, "l-one");
    const clients = await Promise.all(servers.map((s) => signedIn(s, user.id)));
    const statuses = await race(RACERS, (_, i) => clients[i % 2]!.post("/courses/race/lessons/l-two", { intent: "complete" }));
    expect(statuses.filter((s) => s !== 302)).toEqual([]);
    const certificates = await database.db.selectFrom("certificates").select("code").where("user_id", "=", user.id).execute();
    expect(certificates).toHaveLength(1);
    const modules = await database.db.selectFrom("module_progress").select("module_id").where("user_id", "=", user.id).execute();
    expect(modules).toEqual([{ module_id: "m-race" }]);
  });

  it(`counts every one of ${RACERS} wrong passwords racing for one account, on either server, and then slows both`, async () => {
    const user = await learner("guessed");
    const statuses = await race(RACERS, (server) => new Client(server).post("/login", { email: user.email, password: "not the password" }));
    if (statuses.includes(500)) console.error(servers[0].log(), servers[1].log());
    expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
    const row = await database.db.selectFrom("login_throttle").select("failures").where("key", "=", `email:${user.email}`).executeTakeFirstOrThrow();
    // Each refusal with 401 was counted, none lost to a concurrent one (429s were refused before counting).
    expect(row.failures).toBe(statuses.filter((s) => s === 401).length);
    for (const server of servers) expect((await new Client(server).post("/login", { email: user.email, password: PASSWORD })).status).toBe(429);
  });

  describe("invitations", () => {
    let cohortId: string;
    beforeAll(async () => {
      const manager = await createUser(database.db, { name: "Manager", email: "manager@example.org", password: PASSWORD, locale: "en", role: "manager" }, 10);
      if (!manager.ok) throw new Error(manager.reason);
      cohortId = await createCohort(database.db, manager.user, { name: "Race cohort", programme: "Race", starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["race"] });
    });

    it(`lets one of ${RACERS} people racing for a code's last place in, and no one else`, async () => {
      const code = await createInvite(database.db, cohortId, { days: 7, max_uses: 1 });
      const racers = await Promise.all(Array.from({ length: RACERS }, (_, i) => learner(`code${i}`)));
      const clients = await Promise.all(racers.map((u, i) => signedIn(servers[i % 2]!, u.id)));
      const statuses = await race(RACERS, (_, i) => clients[i]!.post(`/join/${code}`, {}));
      expect(statuses.filter((s) => s === 302)).toHaveLength(1);
      expect(statuses.filter((s) => s !== 302 && s !== 410)).toEqual([]);
      const invite = await database.db.selectFrom("cohort_invites").select("uses").where("code", "=", code).executeTakeFirstOrThrow();
      expect(invite.uses).toBe(1);
      const joined = await database.db.selectFrom("cohort_participants").select("user_id").where("cohort_id", "=", cohortId).where("source", "=", "invite").execute();
      expect(joined).toHaveLength(1);
    });

    it(`counts one use when one person sends ${RACERS} joins at once`, async () => {
      const code = await createInvite(database.db, cohortId, { days: 7, max_uses: 100 });
      const user = await learner("eager");
      const clients = await Promise.all(servers.map((s) => signedIn(s, user.id)));
      const statuses = await race(RACERS, (_, i) => clients[i % 2]!.post(`/join/${code}`, {}));
      expect(statuses.filter((s) => s !== 302)).toEqual([]);
      const invite = await database.db.selectFrom("cohort_invites").select("uses").where("code", "=", code).executeTakeFirstOrThrow();
      expect(invite.uses).toBe(1);
      const places = await database.db.selectFrom("cohort_participants").select("email").where("cohort_id", "=", cohortId).where("user_id", "=", user.id).execute();
      expect(places).toHaveLength(1);
      const enrolments = await database.db.selectFrom("enrolments").select("course_id").where("user_id", "=", user.id).execute();
      expect(enrolments).toEqual([{ course_id: "race" }]);
    });

    it(`gives a personal invitation to exactly one of ${RACERS} people using its link at once`, async () => {
      const { rows } = parseParticipantsCsv("name,email\nInvited Person,invited@example.org\n");
      await importParticipants(database.db, cohortId, rows);
      const token = (await listInvitations(database.db, cohortId)).find((i) => i.email === "invited@example.org")!.invite_token!;
      const racers = await Promise.all(Array.from({ length: RACERS }, (_, i) => learner(`personal${i}`)));
      const clients = await Promise.all(racers.map((u, i) => signedIn(servers[i % 2]!, u.id)));
      const statuses = await race(RACERS, (_, i) => clients[i]!.post(`/invitations/${token}`, {}));
      expect(statuses.filter((s) => s === 302)).toHaveLength(1);
      expect(statuses.filter((s) => s !== 302 && s !== 404 && s !== 409)).toEqual([]);
      const place = await database.db.selectFrom("cohort_participants").select(["user_id", "accepted_at"]).where("cohort_id", "=", cohortId).where("email", "=", "invited@example.org").execute();
      expect(place).toHaveLength(1);
      expect(racers.map((r) => r.id)).toContain(place[0]!.user_id);
    });
  });
});

