// The role matrix: every route file of app/routes × the eight actors of the world (tests/security/
// world.ts), against the real server. For each route the table below says how to build its URLs from
// the world and what each actor must get for a GET and, where the route has an action, for a POST.
// Every text answer is then searched for other people's private data, which only the "who may see
// whose data" table (MAY_SEE) allows.
//
// The table is checked against app/routes at run time: a route file without an entry fails the test;
// an entry whose file is not there (yet) is skipped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionDigest } from "../../app/auth/adapter.server";
import { randomBytes, randomUUID } from "node:crypto";
import { createResetLink, resetDigest } from "../../app/auth/passwords.server";
import { createUser } from "../../app/auth/users.server";
import { importParticipants } from "../../app/cohorts/cohorts.server";
import { offlineKey } from "../../app/offline/keys.server";
import { Client } from "./app";
import { ACTORS, createWorld, formBody, hasAction, routeFiles, type ActorKey, type PersonKey, type World } from "./world";

// Expectations -----------------------------------------------------------------------------------

/** A status; "login" = 302 to /login?redirectTo=<this path>; `to` = that status with that Location; an array = any of them. */
type Exp = number | "login" | { status: number; to: string | RegExp } | readonly Exp[];
type Group = "all" | "signedIn" | "learners" | "instructors" | "managers" | "staff";
/** Per actor (or group of actors) the expected answer, or "skip" when that actor does not send it. */
type Spec = Partial<Record<ActorKey | Group, Exp | "skip">>;

const GROUPS: Record<Group, readonly ActorKey[]> = {
  all: ACTORS,
  signedIn: ACTORS.filter((a) => a !== "anonymous"),
  learners: ["learnerA", "learnerB"],
  instructors: ["instructorAssigned", "instructorUnassigned"],
  managers: ["managerOwner", "managerOther"],
  staff: ["instructorAssigned", "instructorUnassigned", "managerOwner", "managerOther", "admin"],
};
const PRECEDENCE: Group[] = ["learners", "instructors", "managers", "staff", "signedIn", "all"];

function expectationFor(spec: Spec, actor: ActorKey): Exp | "skip" | undefined {
  if (actor in spec) return spec[actor];
  for (const g of PRECEDENCE) if (GROUPS[g].includes(actor) && g in spec) return spec[g];
  return undefined;
}

const to = (path: string | RegExp, status = 302): Exp => ({ status, to: path });
const LOGIN = "login" as const;
/** requirePermission: anonymous to the login page, a role without the permission 403. */
const permission = (allowed: Spec): Spec => ({ anonymous: LOGIN, signedIn: 403, ...allowed });
/** A learner's page: staff are not enrolled, so requireEnrolledCourse sends them to the course page. */
const learnerPage = (courseId: string, learners: Spec): Spec => ({ anonymous: LOGIN, staff: to(`/courses/${courseId}`), ...learners });
/** Lessons and quizzes: the staff who look after the course read them in preview, unenrolled (issue 12). */
const previewablePage = (courseId: string, learners: Spec, preview: Exp | number): Spec => ({ ...learnerPage(courseId, learners), instructorAssigned: preview, admin: preview });

type Fields = Record<string, string | string[]>;
interface PostCtx {
  [k: string]: unknown;
}
interface PostSpec {
  name: string;
  form: (w: World, actor: ActorKey, ctx: PostCtx) => Fields;
  expect: Spec;
  /** the order the actors send it in, when it matters (default: ACTORS) */
  order?: readonly ActorKey[];
  /** sent after every other POST: it changes the world in ways the others must not see */
  last?: boolean;
  /** prepares the actor's fresh client; returns what `form` and `after` need */
  before?: (w: World, actor: ActorKey, client: Client) => Promise<PostCtx>;
  /** checks what the POST did; returns problems (empty when fine) */
  after?: (w: World, actor: ActorKey, client: Client, ctx: PostCtx, status: number) => Promise<string[]>;
  issue10?: boolean;
}
interface Case {
  path: (w: World) => string;
  get?: Spec;
  /** the Content-Type of a 200 answer to the GET */
  type?: RegExp;
  post?: PostSpec[];
  /** checks on a 200 answer's body; returns problems */
  check?: (w: World, actor: ActorKey, body: string) => string[];
  /** the expectations that change with issue 10 (for the failure messages) */
  issue10?: boolean;
}
interface Entry {
  cases: Case[];
}

const HTML = /^text\/html/;
const CSV = /^text\/csv/;
const PDF = /^application\/pdf/;
const JSONT = /^application\/json/;
const VCJWT = /^application\/vc\+jwt/;
const SVG = /^image\/svg\+xml/;
const DIDJSON = /^application\/did\+json/;

const COHORT_SUBPAGES: Record<string, { suffix: string; type: RegExp }> = {
  "manage.cohorts.$cohortId._index.tsx": { suffix: "", type: HTML },
  "manage.cohorts.$cohortId.questions.tsx": { suffix: "/questions", type: HTML },
  "manage.cohorts.$cohortId.report.tsx": { suffix: "/report", type: HTML },
  "manage.cohorts.$cohortId.report[.]csv.tsx": { suffix: "/report.csv", type: CSV },
  "manage.cohorts.$cohortId.summary.tsx": { suffix: "/summary", type: HTML },
  "manage.cohorts.$cohortId.summary[.]pdf.tsx": { suffix: "/summary.pdf", type: PDF },
  // issue 13: a cohort's name, dates and courses
  "manage.cohorts.$cohortId.edit.tsx": { suffix: "/edit", type: HTML },
  // changes with issue 10: the personal invitation links, for the manager's mail merge
  "manage.cohorts.$cohortId.invitations[.]csv.tsx": { suffix: "/invitations.csv", type: CSV },
};

/** A cohort's manager pages: its own manager and admins 200; the other manager 404, like a cohort that does not exist. */
function cohortCases(file: string, post?: PostSpec[]): Case[] {
  const { suffix, type } = COHORT_SUBPAGES[file]!;
  return [
    { path: (w) => `/manage/cohorts/${w.cohortX.id}${suffix}`, type, get: permission({ managerOwner: 200, managerOther: 404, admin: 200 }), post },
    { path: (w) => `/manage/cohorts/${w.cohortY.id}${suffix}`, type, get: permission({ managerOwner: 404, managerOther: 200, admin: 200 }) },
  ];
}

const ESS = "essentials";
const QUIZ_PATH = `/courses/${ESS}/quizzes/quiz-framework`;
const EXERCISE_PATH = "/courses/cbms/exercises/ex-cbm-first-year-plan";
const SCENARIO_PATH = "/courses/csirt-cooperation/scenarios/sc-hospital-ransomware";
const reviewPath = (w: World, who: "learnerA" | "learnerB") => `/teach/reviews/${w.people[who].id}/cbms/ex-cbm-first-year-plan`;

/** Whether the client's session is live: /dashboard answers 200 signed in, 302 to the login page otherwise. */
async function signedIn(c: Client): Promise<boolean> {
  const r = await c.get("/dashboard");
  await r.arrayBuffer();
  return r.status === 200;
}
const sessionOf = (c: Client) => c.cookies.get("session") ?? "";
const other = (actor: ActorKey): PersonKey => (actor === "learnerA" ? "learnerB" : "learnerA");
const ownName = (w: World, actor: ActorKey) => (actor === "anonymous" ? "Nobody In Particular" : w.people[actor].name);
/** Whether `c` is signed in as the account with this id (its session's row in the server's database). */
const sessionUser = (w: World, c: Client) =>
  (w.app.sqlite.prepare("SELECT user_id FROM sessions WHERE id = ?").get(sessionDigest(sessionOf(c))) as { user_id: string } | undefined)?.user_id ?? null;
/** A person's lessons read, as `<course>/<lesson>`, sorted. */
const lessonRows = (w: World, userId: string) =>
  (w.app.sqlite.prepare("SELECT course_id, lesson_id FROM lesson_progress WHERE user_id = ? AND completed_at IS NOT NULL ORDER BY 1, 2").all(userId) as { course_id: string; lesson_id: string }[]).map((r) => `${r.course_id}/${r.lesson_id}`);
const resetRows = (w: World, userId: string) => (w.app.sqlite.prepare("SELECT count(*) AS n FROM password_resets WHERE user_id = ?").get(userId) as { n: number }).n;

// Reset links (issue 13) open accounts of their own, made for the matrix: nobody of the world is reset.
let resetToken = "";
/** A throwaway account with a live reset link issued by the world's admin. */
async function resetTarget(w: World, label: string) {
  const email = `reset.${label.toLowerCase()}@matrix.example`;
  const created = await createUser(w.app.db, { name: `Reset Target ${label}`, email, password: "a throwaway password 2026", locale: "en" }, 10);
  if (!created.ok) throw new Error(created.reason);
  const { token } = await createResetLink(w.app.db, created.user.id, w.people.admin.id);
  return { token, userId: created.user.id };
}
// Accounts (issue 13, decision 022): the account the next POST to /admin/users/:userId acts on.
let throwaway = "";
const throwawayEmail = (label: string) => `throwaway.${label.toLowerCase()}@matrix.example`;
async function throwawayAccount(w: World, label: string): Promise<string> {
  const created = await createUser(w.app.db, { name: `Throwaway ${label}`, email: throwawayEmail(label), password: "a throwaway password 2026", locale: "en" }, 10);
  if (!created.ok) throw new Error(created.reason);
  return created.user.id;
}
async function throwawayClient(w: World, label: string): Promise<Client> {
  const c = new Client(w.app);
  await c.login(throwawayEmail(label), "a throwaway password 2026");
  return c;
}
let sharedResetToken: string | null = null;
/** One live link for the GETs, written straight into the server's database (a path is built synchronously). */
function sharedReset(w: World): string {
  if (sharedResetToken) return sharedResetToken;
  const token = randomBytes(32).toString("base64url");
  const id = randomUUID();
  const now = Date.now();
  w.app.sqlite
    .prepare("INSERT INTO users (id, email, name, password_hash, role, locale, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
    .run(id, "reset.shared@matrix.example", "Reset Target Shared", "scrypt$unusable", "learner", "en", now);
  w.app.sqlite.prepare("INSERT INTO password_resets (token_hash, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)").run(resetDigest(token), id, w.people.admin.id, now, now + 3_600_000);
  return (sharedResetToken = token);
}

// Cohorts over time (issue 13): a place of cohort X made for each actor's removal or withdrawal, so
// that nobody of the world is removed; its address is in the path (built after `before`).
let placeEmail = "";
async function freshPlace(w: World, what: "remove" | "withdraw", actor: ActorKey) {
  placeEmail = `${what}.${actor.toLowerCase()}@matrix.example`;
  await importParticipants(w.app.db, w.cohortX.id, [{ line: 2, name: `Matrix ${what} ${actor}`, email: placeEmail, country: null, organisation: null, org_type: null, gender: null }]);
  return { email: placeEmail };
}
const placeRow = (w: World, email: string) =>
  w.app.sqlite.prepare("SELECT invite_token FROM cohort_participants WHERE cohort_id = ? AND email = ?").get(w.cohortX.id, email) as { invite_token: string | null } | undefined;
const mayManageX = (a: ActorKey) => a === "managerOwner" || a === "admin";
let withdrawnToken: string | null = null;
/** A personal invitation of cohort Y that its manager withdrew, written straight into the server's database. */
function withdrawn(w: World): string {
  if (withdrawnToken) return withdrawnToken;
  withdrawnToken = randomBytes(18).toString("base64url");
  w.app.sqlite.prepare("INSERT INTO withdrawn_invitations (token, cohort_id, withdrawn_by, withdrawn_at) VALUES (?, ?, ?, ?)").run(withdrawnToken, w.cohortY.id, w.people.managerOther.id, Date.now());
  return withdrawnToken;
}

// The matrix --------------------------------------------------------------------------------------

const MATRIX: Record<string, Entry> = {
  "_index.tsx": { cases: [{ path: () => "/", type: HTML, get: { all: 200 } }] },
  "healthz.ts": { cases: [{ path: () => "/healthz", type: JSONT, get: { all: 200 } }] },
  // Any address no other route answers: not found, to a GET and to a form alike.
  "$.tsx": {
    cases: [
      {
        path: () => "/no-such-page/at/all",
        get: { all: 404 },
        post: [{ name: "post to an unknown address", form: () => ({ intent: "anything" }), expect: { all: 404 } }],
      },
    ],
  },
  // The catalogue lives at "/"; /courses is kept as a permanent redirect for people who type it.
  "courses._index.tsx": { cases: [{ path: () => "/courses", get: { all: to("/", 301) } }] },
  "login.tsx": {
    cases: [
      {
        path: () => "/login",
        type: HTML,
        get: { anonymous: 200, signedIn: to("/dashboard") },
        post: [
          {
            name: "sign in (anonymous: an unknown account; the others: their own)",
            form: (w, a) => (a === "anonymous" ? { email: "nobody@nowhere.example", password: "not-the-password-1" } : { email: w.people[a].email, password: w.people[a].password }),
            expect: { anonymous: 401, signedIn: to("/dashboard") },
            // changes with issue 10 (finding 9): a new sign-in ends the session the browser carried.
            issue10: true,
            before: async (_w, _a, c) => ({ old: sessionOf(c) }),
            after: async (w, a, _c, ctx) => {
              if (a === "anonymous") return [];
              const old = new Client(w.app);
              old.cookies.set("session", String(ctx.old));
              return (await signedIn(old)) ? ["the session from before the sign-in is still valid"] : [];
            },
          },
        ],
      },
    ],
  },
  "register.tsx": {
    cases: [
      {
        path: () => "/register",
        type: HTML,
        get: { anonymous: 200, signedIn: to("/dashboard") },
        post: [
          {
            name: "register (anonymous: a new address; the others: their own, taken)",
            // Signed in, the page's loader sends one to /dashboard whatever the action answered (Remix
            // runs the loaders after the action); the address being taken, no account is created.
            form: (w, a) => ({
              name: ownName(w, a),
              email: a === "anonymous" ? "newcomer.matrix@learners.example" : w.people[a].email,
              password: "a long enough password 2026",
              locale: "en",
            }),
            expect: { anonymous: to("/dashboard"), signedIn: to("/dashboard") },
            after: async (w, a) => {
              const emails = w.app.sqlite.prepare("SELECT count(*) AS n FROM users WHERE email = ?").get(a === "anonymous" ? "newcomer.matrix@learners.example" : w.people[a].email) as { n: number };
              return emails.n === 1 ? [] : [`${emails.n} accounts with that address`];
            },
          },
        ],
      },
    ],
  },
  // issue 13: without SMTP_URL (the matrix's server has none) the email form is not offered, and a
  // form sent anyway is refused and creates no link.
  "forgot-password.tsx": {
    cases: [
      {
        path: () => "/forgot-password",
        type: HTML,
        get: { anonymous: 200, signedIn: to("/dashboard") },
        post: [
          {
            name: "ask for a link by email (no SMTP configured)",
            form: (w, a) => ({ email: a === "anonymous" ? w.people.learnerA.email : w.people[a].email }),
            expect: { anonymous: 400, signedIn: to("/dashboard") },
            after: async (w) => ((w.app.sqlite.prepare("SELECT count(*) AS n FROM password_resets WHERE created_by IS NULL").get() as { n: number }).n ? ["a link was created"] : []),
          },
        ],
      },
    ],
  },
  // issue 13: the link is the credential: whoever holds a live one sets the password and is signed in
  // as its account (any session the browser had ends); an unknown, used or expired one answers 404.
  "reset-password.$token.tsx": {
    cases: [
      {
        path: () => `/reset-password/${"A".repeat(43)}`,
        type: HTML,
        get: { all: 404 },
        post: [{ name: "use an unknown link", form: () => ({ password: "a long enough password 2026" }), expect: { all: 404 } }],
      },
      {
        // One live link for every GET (reading the page does not spend it).
        path: (w) => `/reset-password/${sharedReset(w)}`,
        type: HTML,
        get: { all: 200 },
      },
      {
        path: () => `/reset-password/${resetToken}`,
        post: [
          {
            name: "use a live link (each actor its own)",
            before: async (w, a, c) => {
              const target = await resetTarget(w, a);
              resetToken = target.token;
              return { ...target, before: sessionUser(w, c) };
            },
            form: () => ({ password: "the new password 2026" }),
            expect: { all: to("/profile?password=reset") },
            after: async (w, _a, c, ctx) => {
              const problems: string[] = [];
              if (sessionUser(w, c) !== ctx.userId) problems.push("the browser is not signed in as the link's account");
              if (resetRows(w, String(ctx.userId)) !== 0) problems.push("the link still exists");
              const again = await c.request(`/reset-password/${String(ctx.token)}`, { form: { password: "a second new password" } });
              await again.arrayBuffer();
              if (again.status !== 404) problems.push(`a second use answered ${again.status}`);
              return problems;
            },
          },
        ],
      },
    ],
  },
  "logout.tsx": {
    cases: [
      {
        path: () => "/logout",
        get: { all: to("/") },
        post: [
          {
            name: "sign out",
            form: () => ({}),
            expect: { all: to("/") },
            after: async (_w, _a, c) => ((await signedIn(c)) ? ["still signed in after signing out"] : []),
          },
        ],
      },
    ],
  },
  "language.tsx": {
    cases: [
      {
        path: () => "/language",
        get: { all: to("/") },
        post: [{ name: "choose English", form: () => ({ lang: "en", redirectTo: "/dashboard" }), expect: { all: to("/dashboard") } }],
      },
    ],
  },
  "dashboard.tsx": { cases: [{ path: () => "/dashboard", type: HTML, get: { anonymous: LOGIN, signedIn: 200 } }] },
  "profile.tsx": {
    cases: [
      {
        path: () => "/profile",
        type: HTML,
        get: { anonymous: LOGIN, signedIn: 200 },
        post: [
          {
            name: "save one's profile",
            form: (w, a) => ({ name: ownName(w, a), country: "", organisation: "", org_type: "", gender: "" }),
            expect: { anonymous: LOGIN, signedIn: 200 },
          },
          // changes with issue 10: sessions are listed and ended on the profile page, one's own only.
          {
            name: "end somebody else's session (intent=end-session)",
            issue10: true,
            before: async (w, a) => ({ victim: await w.newClient(other(a)) }),
            form: (_w, _a, ctx) => ({ intent: "end-session", sessionId: sessionDigest(sessionOf(ctx.victim as Client)) }),
            expect: { anonymous: LOGIN, signedIn: 404 },
            after: async (_w, _a, _c, ctx) => ((await signedIn(ctx.victim as Client)) ? [] : ["ended another person's session"]),
          },
          {
            name: "end one of one's own other sessions (intent=end-session, the id the page lists)",
            issue10: true,
            before: async (w, a, c) => {
              if (a === "anonymous") return {};
              const second = await w.newClient(a);
              const page = await (await c.get("/profile")).text();
              const listed = [...page.matchAll(/name="sessionId" value="([^"]+)"/g)].map((m) => m[1]!);
              const digest = sessionDigest(sessionOf(second));
              // The id as the page lists it; the stored digest when the page lists none (before issue 10).
              return { second, sessionId: listed.find((id) => id === digest) ?? digest, listed: listed.includes(digest) };
            },
            form: (_w, _a, ctx) => ({ intent: "end-session", sessionId: String(ctx.sessionId ?? "0".repeat(64)) }),
            expect: { anonymous: LOGIN, signedIn: 200 },
            after: async (_w, a, c, ctx) => {
              if (a === "anonymous") return [];
              const problems: string[] = [];
              if (!ctx.listed) problems.push("the profile page does not list the other session with its id");
              if (await signedIn(ctx.second as Client)) problems.push("the other session is still valid");
              if (!(await signedIn(c))) problems.push("the session that ended the other one was ended too");
              return problems;
            },
          },
          {
            name: "sign out everywhere else (intent=end-other-sessions)",
            issue10: true,
            before: async (w, a) => (a === "anonymous" ? {} : { second: await w.newClient(a), victim: await w.newClient(other(a)) }),
            form: () => ({ intent: "end-other-sessions" }),
            expect: { anonymous: LOGIN, signedIn: 200 },
            after: async (_w, a, c, ctx) => {
              if (a === "anonymous") return [];
              const problems: string[] = [];
              if (await signedIn(ctx.second as Client)) problems.push("one's other session is still valid");
              if (!(await signedIn(c))) problems.push("the current session was ended too");
              if (!(await signedIn(ctx.victim as Client))) problems.push("another person's session was ended");
              return problems;
            },
          },
          // issue 13: the password changes only given the current one, and then the other sessions end.
          {
            name: "change one's password with a wrong current one (intent=change-password)",
            before: async (w, a) => (a === "anonymous" ? {} : { second: await w.newClient(a) }),
            form: () => ({ intent: "change-password", currentPassword: "not the password at all", newPassword: "a long enough new password" }),
            expect: { anonymous: LOGIN, signedIn: 400 },
            after: async (_w, a, _c, ctx) => (a !== "anonymous" && !(await signedIn(ctx.second as Client)) ? ["a refused change ended another session"] : []),
          },
          {
            name: "change one's password, to the same one (intent=change-password)",
            before: async (w, a) => (a === "anonymous" ? {} : { second: await w.newClient(a), victim: await w.newClient(other(a)) }),
            form: (w, a) => ({ intent: "change-password", currentPassword: a === "anonymous" ? "x" : w.people[a].password, newPassword: a === "anonymous" ? "a long enough new password" : w.people[a].password }),
            expect: { anonymous: LOGIN, signedIn: 200 },
            after: async (w, a, c, ctx) => {
              if (a === "anonymous") return [];
              const problems: string[] = [];
              if (await signedIn(ctx.second as Client)) problems.push("one's other session is still valid");
              if (!(await signedIn(c))) problems.push("the current session was ended too");
              if (!(await signedIn(ctx.victim as Client))) problems.push("another person's session was ended");
              await w.newClient(a).catch(() => problems.push("the password no longer signs in"));
              return problems;
            },
          },
        ],
      },
    ],
  },
  "courses.$courseId._index.tsx": {
    cases: [
      { path: () => `/courses/${ESS}`, type: HTML, get: { all: 200 } },
      { path: () => "/courses/cbms", type: HTML, get: { all: 200 } },
      { path: () => "/courses/no-such-course", get: { all: 404 } },
      {
        // Enrolling is tried on a course nobody of the world is in, so the other pages keep their answers.
        path: () => "/courses/un-norms",
        type: HTML,
        get: { all: 200 },
        post: [{ name: "enrol", form: () => ({ intent: "enrol" }), expect: { anonymous: LOGIN, signedIn: to("/courses/un-norms") } }],
      },
    ],
  },
  "courses.$courseId.glossary.tsx": { cases: [{ path: () => `/courses/${ESS}/glossary`, type: HTML, get: { all: 200 } }] },
  "courses.$courseId.lessons.$lessonId.tsx": {
    cases: [
      {
        path: () => `/courses/${ESS}/lessons/l-four-pillars`,
        type: HTML,
        get: previewablePage(ESS, { learners: 200 }, 200),
        post: [{ name: "mark the lesson read", form: () => ({ intent: "complete" }), expect: learnerPage(ESS, { learners: to(/^\/courses\/essentials\/(lessons|quizzes)\//) }) }],
      },
      { path: () => `/courses/${ESS}/lessons/l-no-such-lesson`, get: previewablePage(ESS, { learners: 404 }, 404) },
    ],
  },
  "courses.$courseId.quizzes.$quizId._index.tsx": {
    cases: [
      {
        path: () => QUIZ_PATH,
        type: HTML,
        get: previewablePage(ESS, { learners: 200 }, 200),
        post: [{ name: "start an attempt", form: () => ({ intent: "start" }), expect: learnerPage(ESS, { learners: to(/^\/courses\/essentials\/quizzes\/quiz-framework\/attempts\/[0-9a-f-]{36}$/) }) }],
      },
    ],
  },
  "courses.$courseId.quizzes.$quizId.attempts.$attemptId.tsx": {
    cases: [
      {
        path: (w) => `${QUIZ_PATH}/attempts/${w.learnerA.attemptId}`,
        type: HTML,
        // Learner B on learner A's attempt: 404, as if it did not exist.
        get: learnerPage(ESS, { learnerA: 200, learnerB: 404 }),
        post: [
          {
            name: "answer a question",
            form: (w) => ({ questionId: w.catalog.byId.get(ESS)!.quizzesById.get("quiz-framework")!.questions[0]!.id, answer: "x" }),
            // A's attempt is finished (409); B cannot touch it (404).
            expect: learnerPage(ESS, { learnerA: 409, learnerB: 404 }),
          },
        ],
      },
      { path: (w) => `${QUIZ_PATH}/attempts/${w.learnerB.attemptId}`, type: HTML, get: learnerPage(ESS, { learnerA: 404, learnerB: 200 }) },
      { path: () => `${QUIZ_PATH}/attempts/00000000-0000-4000-8000-000000000000`, get: learnerPage(ESS, { learners: 404 }) },
    ],
  },
  "courses.$courseId.exercises.$exerciseId._index.tsx": {
    cases: [
      {
        path: () => EXERCISE_PATH,
        type: HTML,
        get: learnerPage("cbms", { learners: 200 }),
        post: [
          {
            name: "save one's draft (the same text again)",
            form: (w, a) => ({ intent: "save", ...(a === "learnerB" ? w.learnerB.draftForm : w.learnerA.draftForm) }),
            // A's draft is submitted, hence locked (409); B's is saved.
            expect: learnerPage("cbms", { learnerA: 409, learnerB: 200 }),
          },
        ],
      },
    ],
  },
  "courses.$courseId.exercises.$exerciseId.autosave.tsx": {
    cases: [
      {
        path: () => `${EXERCISE_PATH}/autosave`,
        // No page to read: Remix answers a GET to a route without a loader with 400.
        get: { all: 400 },
        post: [
          {
            name: "autosave one's draft (the same text again)",
            form: (w, a) => ({ intent: "save", ...(a === "learnerB" ? w.learnerB.draftForm : w.learnerA.draftForm) }),
            // A's draft is submitted, hence locked (409); B's is saved.
            expect: learnerPage("cbms", { learnerA: 409, learnerB: 200 }),
          },
        ],
      },
    ],
  },
  "courses.$courseId.exercises.$exerciseId.export.tsx": {
    cases: [{ path: () => `${EXERCISE_PATH}/export`, type: HTML, get: learnerPage("cbms", { learners: 200 }) }],
  },
  // Offline reading (decision 034). A module as one HTML file: like a lesson, for enrolled learners
  // and, as a preview, for the staff who look after the course.
  "courses.$courseId.modules.$moduleId[.]html.tsx": {
    cases: [
      {
        path: () => `/courses/${ESS}/modules/m-framework.html`,
        type: HTML,
        get: previewablePage(ESS, { learners: 200 }, 200),
        check: (_w, _a, body) => (/<script/i.test(body) ? ["the module file carries a script"] : !body.includes("Four pillars and how they grew") ? ["the module file lacks its first lesson"] : []),
      },
      { path: () => "/courses/cbms/modules/m-cbm-purpose.html", type: HTML, get: previewablePage("cbms", { learners: 200 }, 200) },
      { path: () => `/courses/${ESS}/modules/m-no-such-module.html`, get: previewablePage(ESS, { learners: 404 }, 404) },
    ],
  },
  // The offline reader's list: each signed-in person's own, under their own key; a learner's names
  // the lessons of their courses, staff (enrolled in nothing) get an empty one.
  "offline.manifest[.]json.tsx": {
    cases: [
      {
        path: () => "/offline/manifest.json",
        type: JSONT,
        get: { anonymous: LOGIN, signedIn: 200 },
        check: (w, a, body) => {
          if (a === "anonymous") return [];
          const m = JSON.parse(body) as { key: string; courses: { id: string; lessons: { path: string }[] }[] };
          const problems: string[] = [];
          if (m.key !== offlineKey(w.people[a].id)) problems.push("the list is not under the actor's own key");
          const ids = m.courses.map((c) => c.id).sort();
          const expected = a === "learnerA" || a === "learnerB" ? ["cbms", "csirt-cooperation", "essentials"] : [];
          if (ids.join() !== expected.join()) problems.push(`lists courses ${ids.join(", ") || "none"}, expected ${expected.join(", ") || "none"}`);
          if (expected.length && !m.courses.find((c) => c.id === ESS)?.lessons.some((l) => l.path === `/courses/${ESS}/lessons/l-four-pillars`)) problems.push("the list lacks a lesson of essentials");
          return problems;
        },
      },
    ],
  },
  // Lessons marked read offline, sent when the link returns: recorded for the signed-in person only,
  // in their own courses, and only for a queue saved under their own key.
  "offline.sync.tsx": {
    cases: [
      {
        path: () => "/offline/sync",
        // No page to read: Remix answers a GET to a route without a loader with 400.
        get: { all: 400 },
        post: [
          {
            name: "send one's own queue",
            form: (w, a) => ({ key: a === "anonymous" ? "x" : offlineKey(w.people[a].id), read: [`${ESS}/l-four-pillars`, `${ESS}/l-no-such-lesson`, "no-such-course/l-x"] }),
            expect: { anonymous: LOGIN, signedIn: 200 },
            after: async (w, a) => {
              if (a === "anonymous") return [];
              const rows = lessonRows(w, w.people[a].id);
              if (a === "learnerA" || a === "learnerB") return rows.includes(`${ESS}/l-four-pillars`) ? [] : ["the lesson was not recorded"];
              return rows.length ? [`recorded ${rows.join(", ")} for someone enrolled in nothing`] : [];
            },
          },
          {
            name: "send a queue saved under another person's key",
            before: async (w, a) => ({ mine: a === "anonymous" ? [] : lessonRows(w, w.people[a].id), theirs: lessonRows(w, w.people[other(a)].id) }),
            form: (w, a) => ({ key: offlineKey(w.people[other(a)].id), read: [`${ESS}/l-four-pillars`, "cbms/l-what-cbms-are"] }),
            expect: { anonymous: LOGIN, signedIn: 409 },
            after: async (w, a, _c, ctx) => {
              const problems: string[] = [];
              if (a !== "anonymous" && lessonRows(w, w.people[a].id).join() !== (ctx.mine as string[]).join()) problems.push("the actor's progress changed");
              if (lessonRows(w, w.people[other(a)].id).join() !== (ctx.theirs as string[]).join()) problems.push("the key's owner's progress changed");
              return problems;
            },
          },
        ],
      },
    ],
  },
  "courses.$courseId.scenarios.$exerciseId.tsx": {
    cases: [
      {
        path: () => SCENARIO_PATH,
        type: HTML,
        get: learnerPage("csirt-cooperation", { learners: 200 }),
        post: [{ name: "start or resume a run", form: () => ({ intent: "start" }), expect: learnerPage("csirt-cooperation", { learners: to(SCENARIO_PATH) }) }],
      },
    ],
  },
  "certificates.$code[.]pdf.tsx": {
    cases: [
      { path: (w) => `/certificates/${w.learnerA.certificateCode}.pdf`, type: PDF, get: { anonymous: LOGIN, signedIn: 404, learnerA: 200 } },
      { path: (w) => `/certificates/${w.learnerB.certificateCode}.pdf`, type: PDF, get: { anonymous: LOGIN, signedIn: 404, learnerB: 200 } },
    ],
  },
  "certificates.$code.badge[.]jwt.tsx": {
    cases: [
      { path: (w) => `/certificates/${w.learnerA.certificateCode}/badge.jwt`, type: VCJWT, get: { anonymous: LOGIN, signedIn: 404, learnerA: 200 } },
      { path: (w) => `/certificates/${w.learnerB.certificateCode}/badge.jwt`, type: VCJWT, get: { anonymous: LOGIN, signedIn: 404, learnerB: 200 } },
    ],
  },
  // What verifiers fetch: public, and naming no one.
  "[.well-known].did[.]json.tsx": { cases: [{ path: () => "/.well-known/did.json", type: DIDJSON, get: { all: 200 } }] },
  "credentials.status.$list.tsx": {
    cases: [
      { path: () => "/credentials/status/1", type: VCJWT, get: { all: 200 } },
      { path: () => "/credentials/status/99", get: { all: 404 } },
      { path: () => "/credentials/status/x", get: { all: 404 } },
    ],
  },
  "badges.$courseId[.]svg.tsx": { cases: [{ path: () => "/badges/cbms.svg", type: SVG, get: { all: 200 } }, { path: () => "/badges/nope.svg", get: { all: 404 } }] },
  "badges.$courseId[.]json.tsx": { cases: [{ path: () => "/badges/cbms.json?lang=en", type: JSONT, get: { all: 200 } }, { path: () => "/badges/nope.json", get: { all: 404 } }] },
  "verify._index.tsx": {
    cases: [
      {
        path: () => "/verify",
        type: HTML,
        get: { all: 200 },
        post: [
          { name: "verify a pasted badge that is not one", form: () => ({ credential: "not a badge" }), expect: { all: 200 } },
          { name: "verify nothing", form: () => ({ credential: "" }), expect: { all: 400 } },
        ],
      },
    ],
  },
  "verify.$code.tsx": {
    cases: [
      { path: (w) => `/verify/${w.learnerA.certificateCode}`, type: HTML, get: { all: 200 } },
      { path: (w) => `/verify/${w.learnerB.certificateCode}`, type: HTML, get: { all: 200 } },
      { path: () => "/verify/ZZZZZZZZZZZZZZZZ", get: { all: 404 } },
    ],
  },
  "join._index.tsx": {
    cases: [
      { path: () => "/join?code=abc-def", get: { all: to("/join/ABCDEF") } },
      { path: () => "/join", get: { all: to("/dashboard") } },
    ],
  },
  "join.$code.tsx": {
    cases: [
      {
        path: (w) => `/join/${w.cohortX.inviteCode}`,
        type: HTML,
        get: { all: 200 },
        post: [
          {
            name: "join cohort X with its code",
            last: true,
            form: () => ({}),
            // Learner A is a member already (told so); everyone else signed in joins.
            expect: { anonymous: LOGIN, signedIn: to("/dashboard?joined=new"), learnerA: to("/dashboard?joined=already") },
          },
        ],
      },
      { path: () => "/join/NOSUCHCODE22", get: { all: 404 } },
    ],
  },
  // changes with issue 10: a personal invitation, accepted only by a signed-in person.
  "invitations.$token.tsx": {
    cases: [
      {
        path: (w) => `/invitations/${w.pendingToken ?? "no-token-in-the-invitations-csv"}`,
        type: HTML,
        issue10: true,
        get: { all: 200 },
        // The invitation names its cohort; anonymous is asked to sign in (or register) to accept it.
        check: (w, actor, body) => [
          ...(body.includes(w.cohortY.name) ? [] : ["the page does not name cohort Y"]),
          ...(actor === "anonymous" && !body.includes(`href="/login?${new URLSearchParams({ redirectTo: `/invitations/${w.pendingToken}` })}"`) ? ["no sign-in link back to the invitation"] : []),
          ...(actor !== "anonymous" && !/<form method="post"/.test(body) ? ["no form to accept it"] : []),
        ],
        post: [
          {
            name: "accept Pending Person's invitation",
            issue10: true,
            last: true,
            order: ["anonymous", "learnerB", "learnerA", "instructorAssigned", "instructorUnassigned", "managerOwner", "managerOther", "admin"],
            form: () => ({}),
            // Learner B accepts first; the token is then spent (404 for everyone after) and the place stays hers.
            expect: { anonymous: LOGIN, learnerB: to("/dashboard?joined=new"), signedIn: 404 },
            after: async (w, a) => {
              if (a === "anonymous") return [];
              const row = w.app.sqlite
                .prepare("SELECT user_id FROM cohort_participants WHERE cohort_id = ? AND email = ?")
                .get(w.cohortY.id, w.pending.email) as { user_id: string | null } | undefined;
              const linked = row ? row.user_id : "no place at all";
              return linked === w.people.learnerB.id ? [] : [`Pending Person's place is linked to ${linked ?? "nobody"}, not learner B`];
            },
          },
        ],
      },
      {
        // issue 13: a withdrawn invitation says so (410) to everyone, and accepts nothing.
        path: (w) => `/invitations/${withdrawn(w)}`,
        type: HTML,
        get: { all: 410 },
        check: (_w, _a, body) => (body.includes("withdrew this invitation") ? [] : ["the page does not say the invitation was withdrawn"]),
        post: [{ name: "accept a withdrawn invitation", form: () => ({}), expect: { anonymous: LOGIN, signedIn: 410 } }],
      },
      {
        path: () => "/invitations/this-token-does-not-exist",
        issue10: true,
        get: { all: 404 },
        post: [{ name: "accept a bad token", issue10: true, form: () => ({}), expect: { anonymous: LOGIN, signedIn: 404 } }],
      },
    ],
  },
  "manage._index.tsx": {
    cases: [
      {
        path: () => "/manage",
        type: HTML,
        get: permission({ managers: 200, admin: 200 }),
        post: [
          {
            name: "create a cohort",
            form: () => ({ name: "Matrix cohort", programme: "Matrix programme", starts_on: "2026-03-01", ends_on: "2026-09-30", courses: ["essentials"] }),
            expect: permission({ managers: to(/^\/manage\/cohorts\/[0-9a-f-]{36}$/), admin: to(/^\/manage\/cohorts\/[0-9a-f-]{36}$/) }),
          },
        ],
      },
    ],
  },
  "manage.cohorts.$cohortId._index.tsx": {
    cases: cohortCases("manage.cohorts.$cohortId._index.tsx", [
      { name: "create an invitation code", form: () => ({ intent: "invite", days: "7", max_uses: "3" }), expect: permission({ managerOwner: 200, managerOther: 404, admin: 200 }) },
      // issue 13: a reset link for a participant who accepted (learner A joined X with its code).
      {
        name: "issue a password reset link for learner A (intent=reset-link)",
        form: (w) => ({ intent: "reset-link", email: w.people.learnerA.email }),
        expect: permission({ managerOwner: 200, managerOther: 404, admin: 200 }),
        before: async (w) => ({ links: w.app.sqlite.prepare("SELECT token_hash FROM password_resets WHERE user_id = ?").all(w.people.learnerA.id) }),
        after: async (w, a, _c, ctx) => {
          const now = JSON.stringify(w.app.sqlite.prepare("SELECT token_hash FROM password_resets WHERE user_id = ?").all(w.people.learnerA.id));
          const changed = now !== JSON.stringify(ctx.links);
          if (a === "managerOwner" || a === "admin") return changed && resetRows(w, w.people.learnerA.id) === 1 ? [] : ["no new link for learner A"];
          return changed ? ["a link for learner A was created"] : [];
        },
      },
      {
        name: "email the invitations (intent=email-invitations; no SMTP configured)",
        form: () => ({ intent: "email-invitations", lang: "en", scope: "new" }),
        expect: permission({ managerOwner: 409, managerOther: 404, admin: 409 }),
      },
    ]),
  },
  // issue 13: editing a cohort (sent with cohort X's own values: nothing changes but the audit log)
  "manage.cohorts.$cohortId.edit.tsx": {
    cases: cohortCases("manage.cohorts.$cohortId.edit.tsx", [
      {
        name: "save cohort X as it is",
        form: (w) => ({ name: w.cohortX.name, programme: w.cohortX.programme, starts_on: "2026-01-01", ends_on: "2026-12-31", courses: ["essentials", "cbms", "csirt-cooperation"] }),
        expect: permission({ managerOwner: to(/^\/manage\/cohorts\/[0-9a-f-]{36}\?notice=updated$/), managerOther: 404, admin: to(/^\/manage\/cohorts\/[0-9a-f-]{36}\?notice=updated$/) }),
        after: async (w) => {
          const courses = (w.app.sqlite.prepare("SELECT course_id FROM cohort_courses WHERE cohort_id = ? ORDER BY course_id").all(w.cohortX.id) as { course_id: string }[]).map((r) => r.course_id);
          return courses.join() === "cbms,csirt-cooperation,essentials" ? [] : [`cohort X's courses are now ${courses.join()}`];
        },
      },
      {
        name: "end cohort X before it starts",
        form: (w) => ({ name: w.cohortX.name, programme: w.cohortX.programme, starts_on: "2026-06-01", ends_on: "2026-01-01", courses: ["essentials"] }),
        expect: permission({ managerOwner: 400, managerOther: 404, admin: 400 }),
        after: async (w) => {
          const row = w.app.sqlite.prepare("SELECT starts_on FROM cohorts WHERE id = ?").get(w.cohortX.id) as { starts_on: string };
          return row.starts_on === "2026-01-01" ? [] : ["cohort X's dates changed"];
        },
      },
    ]),
  },
  // issue 13: one place of a cohort, named by its address: remove it, withdraw its invitation, grant an attempt.
  "manage.cohorts.$cohortId.participant.tsx": {
    cases: [
      {
        path: (w) => `/manage/cohorts/${w.cohortX.id}/participant?${new URLSearchParams({ email: w.people.learnerA.email })}`,
        type: HTML,
        get: permission({ managerOwner: 200, managerOther: 404, admin: 200 }),
        post: [
          {
            // Learner A passed quiz-framework at her first attempt: nothing to grant (409), never a grant.
            name: "grant learner A one more attempt at a quiz she passed",
            form: () => ({ intent: "grant", course: "essentials", quiz: "quiz-framework", reason: "Matrix check" }),
            expect: permission({ managerOwner: 409, managerOther: 404, admin: 409 }),
            after: async (w) => ((w.app.sqlite.prepare("SELECT count(*) AS n FROM quiz_attempt_grants").get() as { n: number }).n ? ["an attempt was granted"] : []),
          },
          { name: "grant without a reason", form: () => ({ intent: "grant", course: "essentials", quiz: "quiz-framework", reason: "" }), expect: permission({ managerOwner: 400, managerOther: 404, admin: 400 }) },
        ],
      },
      {
        path: (w) => `/manage/cohorts/${w.cohortY.id}/participant?${new URLSearchParams({ email: w.pending.email })}`,
        type: HTML,
        get: permission({ managerOwner: 404, managerOther: 200, admin: 200 }),
      },
      { path: (w) => `/manage/cohorts/${w.cohortX.id}/participant?email=nobody%40matrix.example`, get: permission({ managerOwner: 404, managerOther: 404, admin: 404 }) },
      { path: (w) => `/manage/cohorts/${w.cohortX.id}/participant`, get: permission({ managerOwner: 404, managerOther: 404, admin: 404 }) },
      {
        path: (w) => `/manage/cohorts/${w.cohortX.id}/participant?${new URLSearchParams({ email: placeEmail })}`,
        post: [
          {
            name: "withdraw a pending place's invitation (each actor its own place)",
            before: async (w, a) => freshPlace(w, "withdraw", a),
            form: () => ({ intent: "withdraw" }),
            expect: permission({ managerOwner: to(/notice=withdrawn$/), managerOther: 404, admin: to(/notice=withdrawn$/) }),
            after: async (w, a, _c, ctx) => {
              const token = placeRow(w, String(ctx.email))?.invite_token;
              return mayManageX(a) === (token === null) ? [] : [mayManageX(a) ? "the invitation is still live" : "the invitation was withdrawn"];
            },
          },
          {
            name: "remove a place (each actor its own place)",
            before: async (w, a) => freshPlace(w, "remove", a),
            form: () => ({ intent: "remove" }),
            expect: permission({ managerOwner: to(/\?notice=removed$/), managerOther: 404, admin: to(/\?notice=removed$/) }),
            after: async (w, a, _c, ctx) => (mayManageX(a) === !placeRow(w, String(ctx.email)) ? [] : [mayManageX(a) ? "the place is still there" : "the place was removed"]),
          },
        ],
      },
    ],
  },
  "manage.cohorts.$cohortId.questions.tsx": { cases: cohortCases("manage.cohorts.$cohortId.questions.tsx") },
  "manage.cohorts.$cohortId.report.tsx": { cases: cohortCases("manage.cohorts.$cohortId.report.tsx") },
  "manage.cohorts.$cohortId.report[.]csv.tsx": { cases: cohortCases("manage.cohorts.$cohortId.report[.]csv.tsx") },
  "manage.cohorts.$cohortId.summary.tsx": { cases: cohortCases("manage.cohorts.$cohortId.summary.tsx") },
  "manage.cohorts.$cohortId.summary[.]pdf.tsx": { cases: cohortCases("manage.cohorts.$cohortId.summary[.]pdf.tsx") },
  // changes with issue 10
  "manage.cohorts.$cohortId.invitations[.]csv.tsx": { cases: cohortCases("manage.cohorts.$cohortId.invitations[.]csv.tsx").map((c) => ({ ...c, issue10: true })) },
  "teach._index.tsx": { cases: [{ path: () => "/teach", type: HTML, get: permission({ instructors: 200, admin: 200 }) }] },
  "teach.health.tsx": { cases: [{ path: () => "/teach/health", type: HTML, get: permission({ instructors: 200, admin: 200 }) }] },
  "teach.courses.$courseId.questions.tsx": {
    // An unassigned instructor: 404, like a course that does not exist (requireCourseStaff).
    cases: [{ path: () => "/teach/courses/cbms/questions", type: HTML, get: permission({ instructorAssigned: 200, instructorUnassigned: 404, admin: 200 }) }],
  },
  // issue 13: the learners of a course who used up their attempts, for the staff who look after it.
  // Managers hold "attempts.grant" for their cohorts' learners, not on course pages: 404.
  "teach.courses.$courseId.attempts.tsx": {
    cases: [
      {
        path: () => "/teach/courses/cbms/attempts",
        type: HTML,
        get: permission({ instructorAssigned: 200, instructorUnassigned: 404, managers: 404, admin: 200 }),
        post: [
          {
            // Learner A has no attempt at cbms' quizzes: nothing to grant.
            name: "grant learner A one more attempt (none used)",
            form: (w) => ({ user: w.people.learnerA.id, quiz: "quiz-cbm-purpose", reason: "Matrix check" }),
            expect: permission({ instructorAssigned: 409, instructorUnassigned: 404, managers: 404, admin: 409 }),
          },
        ],
      },
    ],
  },
  "teach.reviews._index.tsx": { cases: [{ path: () => "/teach/reviews", type: HTML, get: permission({ instructors: 200, admin: 200 }) }] },
  "teach.reviews.$userId.$courseId.$exerciseId.tsx": {
    cases: [
      {
        // Learner A's submitted draft.
        path: (w) => reviewPath(w, "learnerA"),
        type: HTML,
        get: permission({ instructorAssigned: 200, instructorUnassigned: 404, admin: 200 }),
        post: [
          {
            name: "comment on the draft",
            form: () => ({ decision: "comment", comment: "Matrix review: name a lead authority." }),
            expect: permission({ instructorAssigned: to("/teach/reviews"), instructorUnassigned: 404, admin: to("/teach/reviews") }),
          },
        ],
      },
      {
        // changes with issue 10: learner B's draft was never submitted: staff get 404, for GET and POST.
        path: (w) => reviewPath(w, "learnerB"),
        issue10: true,
        get: permission({ instructors: 404, admin: 404 }),
        post: [
          {
            name: "comment on a draft never submitted",
            issue10: true,
            form: () => ({ decision: "comment", comment: "Matrix review: this should not be possible." }),
            expect: permission({ instructors: 404, admin: 404 }),
          },
        ],
      },
    ],
  },
  "admin.audit.tsx": { cases: [{ path: () => "/admin/audit", type: HTML, get: permission({ admin: 200 }) }, { path: () => "/admin/audit?action=nonsense&page=-3&from=x", type: HTML, get: permission({ admin: 200 }) }] },
  "admin.audit[.]csv.tsx": { cases: [{ path: () => "/admin/audit.csv", type: CSV, get: permission({ admin: 200 }) }] },
  "admin.users._index.tsx": {
    cases: [
      {
        path: () => "/admin/users",
        type: HTML,
        get: permission({ admin: 200 }),
        post: [
          { name: "set a role (unchanged)", form: (w) => ({ userId: w.people.instructorUnassigned.id, role: "instructor" }), expect: permission({ admin: 200 }) },
          // issue 13: an account an administrator creates, with a one-time link to choose its password.
          {
            name: "create an account (intent=create)",
            form: (_w, a) => ({ intent: "create", name: `Created By ${a}`, email: `created.${a.toLowerCase()}@matrix.example`, role: "admin", locale: "en" }),
            expect: permission({ admin: 200 }),
            after: async (w, a) => {
              const row = w.app.sqlite.prepare("SELECT role FROM users WHERE email = ?").get(`created.${a.toLowerCase()}@matrix.example`) as { role: string } | undefined;
              if (a === "admin") return row?.role === "admin" && resetRows(w, (w.app.sqlite.prepare("SELECT id FROM users WHERE email = ?").get(`created.${a.toLowerCase()}@matrix.example`) as { id: string }).id) === 1 ? [] : ["no account with a link was created"];
              return row ? [`a ${a} created an account`] : [];
            },
          },
          {
            name: "issue a password reset link for learner B (intent=reset-link)",
            form: (w) => ({ intent: "reset-link", userId: w.people.learnerB.id }),
            expect: permission({ admin: 200 }),
            after: async (w, a) => ((resetRows(w, w.people.learnerB.id) > 0) === (a === "admin") ? [] : [`learner B has ${resetRows(w, w.people.learnerB.id)} reset link(s)`]),
          },
        ],
      },
      { path: () => "/admin/users?q=zulu", type: HTML, get: permission({ admin: 200 }) },
    ],
  },
  // issue 13: one account's page (decision 022). Disabling and deleting are tried on throwaway
  // accounts, one per actor, so the world's people keep their sessions.
  "admin.users.$userId.tsx": {
    cases: [
      {
        path: (w) => `/admin/users/${w.people.learnerB.id}`,
        type: HTML,
        get: permission({ admin: 200 }),
        post: [
          {
            name: "save learner B's name and email, unchanged (intent=edit)",
            form: (w) => ({ intent: "edit", name: w.people.learnerB.name, email: w.people.learnerB.email }),
            expect: permission({ admin: 200 }),
          },
          {
            name: "give learner B's account learner A's address (intent=edit)",
            form: (w) => ({ intent: "edit", name: w.people.learnerB.name, email: w.people.learnerA.email.toUpperCase() }),
            expect: permission({ admin: 409 }),
          },
        ],
      },
      { path: () => "/admin/users/00000000-0000-4000-8000-000000000000", get: permission({ admin: 404 }) },
      { path: () => "/admin/users/not-a-uuid", get: permission({ admin: 404 }) },
      {
        path: () => `/admin/users/${throwaway}`,
        post: [
          {
            name: "disable an account (intent=disable)",
            before: async (w, a) => {
              throwaway = await throwawayAccount(w, `disable-${a}`);
              return { victim: await throwawayClient(w, `disable-${a}`), userId: throwaway };
            },
            form: () => ({ intent: "disable" }),
            expect: permission({ admin: 200 }),
            after: async (_w, a, _c, ctx) => {
              const live = await signedIn(ctx.victim as Client);
              if (a === "admin") return live ? ["the disabled account's session still works"] : [];
              return live ? [] : [`a ${a} ended the account's session`];
            },
          },
          {
            name: "delete an account (intent=delete)",
            before: async (w, a) => {
              throwaway = await throwawayAccount(w, `delete-${a}`);
              return { userId: throwaway };
            },
            form: () => ({ intent: "delete", confirm: "yes" }),
            expect: permission({ admin: to("/admin/users?deleted=1") }),
            after: async (w, a, _c, ctx) => {
              const row = w.app.sqlite.prepare("SELECT deleted_at FROM users WHERE id = ?").get(String(ctx.userId)) as { deleted_at: number | null };
              return (row.deleted_at !== null) === (a === "admin") ? [] : [`deleted_at is ${row.deleted_at} after a ${a}'s request`];
            },
          },
          {
            name: "delete one's own account (intent=delete)",
            before: async (w, a) => {
              throwaway = a === "anonymous" ? w.people.admin.id : w.people[a].id;
              return {};
            },
            form: () => ({ intent: "delete", confirm: "yes" }),
            expect: permission({ admin: 409 }),
          },
        ],
      },
    ],
  },
  // issue 13: everyone signed in downloads their own data, and only theirs.
  "profile_.data[.]json.tsx": {
    cases: [{ path: () => "/profile/data.json", type: JSONT, get: { anonymous: LOGIN, signedIn: 200 }, check: (w, a, body) => (a !== "anonymous" && body.includes(`"email": "${w.people[a].email}"`) ? [] : ["the export does not hold one's own address"]) }],
  },
  "profile_.data[.]csv.tsx": {
    cases: [{ path: () => "/profile/data.csv", type: CSV, get: { anonymous: LOGIN, signedIn: 200 }, check: (w, a, body) => (a !== "anonymous" && body.includes(`profile,1,email,${w.people[a].email}`) ? [] : ["the export does not hold one's own address"]) }],
  },
  "admin.courses.tsx": {
    cases: [
      {
        path: () => "/admin/courses",
        type: HTML,
        get: permission({ admin: 200 }),
        post: [
          {
            name: "assign the assigned instructor again",
            form: (w) => ({ intent: "assign", courseId: ESS, email: w.people.instructorAssigned.email }),
            expect: permission({ admin: 200 }),
          },
        ],
      },
    ],
  },
  "admin.backups.tsx": {
    cases: [
      {
        path: () => "/admin/backups",
        type: HTML,
        get: permission({ admin: 200 }),
        post: [
          {
            name: "back up now",
            form: () => ({ intent: "backup" }),
            expect: permission({ admin: 200 }),
            // Only the admin's backs up: a checked copy, noted with their name.
            after: async (w, a) => {
              if (a === "anonymous") return [];
              const row = w.app.sqlite
                .prepare("SELECT count(*) AS n, min(integrity) AS integrity FROM backups WHERE user_id = ?")
                .get(w.people[a].id) as { n: number; integrity: string | null };
              if (a !== "admin") return row.n === 0 ? [] : [`${row.n} backup(s) noted for a ${w.people[a].role}`];
              return row.n >= 1 && row.integrity === "ok" ? [] : [`backups noted for the admin: ${row.n}, integrity ${row.integrity}`];
            },
          },
        ],
      },
    ],
  },
  "admin.certificates.tsx": {
    cases: [
      {
        path: () => "/admin/certificates",
        type: HTML,
        get: permission({ admin: 200 }),
        post: [
          {
            name: "revoke learner B's certificate",
            last: true,
            form: (w) => ({ code: w.learnerB.certificateCode, reason: "Matrix check: issued in error" }),
            expect: permission({ admin: 200 }),
          },
        ],
      },
    ],
  },
};

// Who may see whose data --------------------------------------------------------------------------

type Whose = PersonKey | "pending";
type What = "name" | "email" | "password" | "session" | "draft" | "certificate" | "attempt" | "inviteCode" | "inviteToken";
interface Secret {
  whose: Whose;
  what: What;
  value: string;
}
interface Seen {
  route: string;
  path: string;
  actor: ActorKey;
  /** what the request carried: its path and its form's values */
  sent: string;
}
interface Grant {
  whose: readonly Whose[];
  what: readonly What[];
  who: readonly ActorKey[] | "anyone";
  on: (s: Seen, w: World) => boolean;
  why: string;
}

const PEOPLE_KEYS = ACTORS.filter((a): a is PersonKey => a !== "anonymous");
const onRoute = (...files: string[]) => (s: Seen) => files.includes(s.route);
const cohortPage = (which: "cohortX" | "cohortY") => (s: Seen, w: World) => s.route.startsWith("manage.cohorts.$cohortId.") && s.path.startsWith(`/manage/cohorts/${w[which].id}`);

/**
 * Everyone may see their own data (except their password) wherever it appears. Beyond that, only
 * these grants; anything else found in an answer is a leak. Passwords have no grant: nobody sees one,
 * not even its owner. Learner B's draft has no grant: it was never submitted, so it is hers alone.
 */
const MAY_SEE: Grant[] = [
  {
    whose: ["learnerA"], what: ["name", "email"], who: ["managerOwner", "admin"], on: cohortPage("cohortX"),
    why: "A joined cohort X with its code: the cohort's managers see its participants",
  },
  {
    whose: ["pending"], what: ["name", "email", "inviteToken"], who: ["managerOther", "admin"], on: cohortPage("cohortY"),
    why: "cohort Y's manager listed Pending Person (CSV) and mails the personal invitations",
  },
  {
    whose: ["learnerA"], what: ["name"], who: ["instructorAssigned", "admin"], on: onRoute("teach.reviews._index.tsx"),
    why: "A submitted a draft in a course they look after: the review queue names her",
  },
  {
    whose: ["learnerA"], what: ["name", "draft"], who: ["instructorAssigned", "admin"],
    on: (s, w) => s.route === "teach.reviews.$userId.$courseId.$exerciseId.tsx" && s.path.startsWith(`/teach/reviews/${w.people.learnerA.id}/`),
    why: "A submitted that draft for review",
  },
  {
    whose: ["instructorAssigned", "admin"], what: ["name"], who: ["learnerA"], on: onRoute("courses.$courseId.exercises.$exerciseId._index.tsx"),
    why: "a reviewer's comments on A's draft are signed",
  },
  { whose: PEOPLE_KEYS, what: ["name", "email"], who: ["admin"], on: onRoute("admin.users._index.tsx", "admin.users.$userId.tsx"), why: "administrators manage accounts" },
  {
    whose: ["instructorAssigned", "admin"], what: ["name"], who: ["learnerA"], on: onRoute("profile_.data[.]json.tsx", "profile_.data[.]csv.tsx"),
    why: "one's own data holds the reviewers' signed comments on one's drafts",
  },
  { whose: PEOPLE_KEYS, what: ["name", "email"], who: ["admin"], on: onRoute("admin.audit.tsx"), why: "the audit log names who did what to whom" },
  { whose: PEOPLE_KEYS, what: ["name", "email"], who: ["admin"], on: onRoute("admin.audit[.]csv.tsx"), why: "the audit log names who did what to whom" },
  { whose: ["instructorAssigned"], what: ["name", "email"], who: ["admin"], on: onRoute("admin.courses.tsx"), why: "administrators assign instructors to courses" },
  { whose: ["learnerA", "learnerB"], what: ["name", "certificate"], who: ["admin"], on: onRoute("admin.certificates.tsx"), why: "administrators revoke certificates" },
  {
    whose: ["learnerA"], what: ["name", "certificate"], who: "anyone", on: (s, w) => s.path === `/verify/${w.learnerA.certificateCode}`,
    why: "a certificate's public verification page shows the name printed on it",
  },
  {
    whose: ["learnerB"], what: ["name", "certificate"], who: "anyone", on: (s, w) => s.path === `/verify/${w.learnerB.certificateCode}`,
    why: "a certificate's public verification page shows the name printed on it",
  },
  { whose: ["managerOwner"], what: ["inviteCode"], who: ["admin"], on: cohortPage("cohortX"), why: "admins manage every cohort" },
  { whose: ["managerOwner"], what: ["inviteCode"], who: "anyone", on: (s, w) => s.path === `/join/${w.cohortX.inviteCode}`, why: "the code is the URL" },
  { whose: ["pending"], what: ["inviteToken"], who: "anyone", on: (s, w) => !!w.pendingToken && s.path === `/invitations/${w.pendingToken}`, why: "the token is the URL" },
];

function secretsOf(w: World): Secret[] {
  const s: Secret[] = [];
  for (const key of PEOPLE_KEYS) {
    const p = w.people[key];
    s.push({ whose: key, what: "name", value: p.name }, { whose: key, what: "email", value: p.email }, { whose: key, what: "password", value: p.password });
    const session = w.clients[key].cookies.get("session");
    if (session) s.push({ whose: key, what: "session", value: session }, { whose: key, what: "session", value: sessionDigest(session) });
  }
  for (const key of ["learnerA", "learnerB"] as const) {
    const d = w[key];
    s.push({ whose: key, what: "draft", value: d.draftMarker }, { whose: key, what: "certificate", value: d.certificateCode }, { whose: key, what: "attempt", value: d.attemptId });
  }
  s.push({ whose: "pending", what: "name", value: w.pending.name }, { whose: "pending", what: "email", value: w.pending.email });
  if (w.pendingToken) s.push({ whose: "pending", what: "inviteToken", value: w.pendingToken });
  s.push({ whose: "managerOwner", what: "inviteCode", value: w.cohortX.inviteCode });
  return s;
}

function mayAppear(secret: Secret, seen: Seen, w: World): boolean {
  if (secret.what === "password") return false;
  if (secret.whose === seen.actor) return true;
  // A value the request itself carried (in its URL or its form) is not disclosed by being echoed
  // (the language form and the login link repeat the current path on every page).
  if (seen.sent.includes(secret.value)) return true;
  return MAY_SEE.some(
    (g) => g.whose.includes(secret.whose) && g.what.includes(secret.what) && (g.who === "anyone" || g.who.includes(seen.actor)) && g.on(seen, w),
  );
}

// Running it ------------------------------------------------------------------------------------

interface Result {
  method: "GET" | "POST";
  route: string;
  label: string;
  actor: ActorKey;
  path: string;
  expected: Exp;
  status: number;
  location: string | null;
  type: string;
  body: string | null;
  /** the path and the form values the request carried */
  sent: string;
  issue10: boolean;
  problems: string[];
}

function loginLocation(method: string, path: string): string {
  const url = new URL(path, "http://x");
  return `/login?${new URLSearchParams({ redirectTo: method === "GET" ? url.pathname + url.search : url.pathname })}`;
}

function satisfies(exp: Exp, r: { method: string; path: string; status: number; location: string | null }): boolean {
  if (Array.isArray(exp)) return exp.some((e) => satisfies(e, r));
  if (typeof exp === "number") return r.status === exp;
  if (exp === "login") return r.status === 302 && r.location === loginLocation(r.method, r.path);
  const e = exp as { status: number; to: string | RegExp };
  return r.status === e.status && r.location !== null && (typeof e.to === "string" ? r.location === e.to : e.to.test(r.location));
}

function show(exp: Exp): string {
  if (Array.isArray(exp)) return exp.map(show).join(" or ");
  if (typeof exp === "number") return String(exp);
  if (exp === "login") return "302 → /login?redirectTo=…";
  const e = exp as { status: number; to: string | RegExp };
  return `${e.status} → ${String(e.to)}`;
}

const isText = (type: string) => /^(text\/|application\/(json|ld\+json))/.test(type);

async function read(res: Response): Promise<{ status: number; location: string | null; type: string; body: string | null }> {
  const type = res.headers.get("content-type") ?? "";
  const buf = Buffer.from(await res.arrayBuffer());
  return { status: res.status, location: res.headers.get("location"), type, body: isText(type) ? buf.toString("utf8") : null };
}

async function pool<T>(items: T[], size: number, run: (t: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

/** Replaces the world's ids and codes in a path by names, for readable messages. */
function labeller(w: World): (path: string) => string {
  const names: [string, string][] = [
    ...PEOPLE_KEYS.map((k) => [w.people[k].id, `{${k}}`] as [string, string]),
    [w.learnerA.attemptId, "{A's attempt}"],
    [w.learnerB.attemptId, "{B's attempt}"],
    [w.learnerA.certificateCode, "{A's certificate}"],
    [w.learnerB.certificateCode, "{B's certificate}"],
    [w.cohortX.id, "{cohort X}"],
    [w.cohortY.id, "{cohort Y}"],
    [w.cohortX.inviteCode, "{X's code}"],
  ];
  if (w.pendingToken) names.push([w.pendingToken, "{Pending Person's token}"]);
  return (path) => names.reduce((p, [v, n]) => p.split(v).join(n), path);
}

describe("The role matrix", () => {
  let w: World;
  const results: Result[] = [];
  const present = new Set(routeFiles());
  const entries = Object.entries(MATRIX).filter(([file]) => present.has(file));

  beforeAll(async () => {
    w = await createWorld();
    const label = labeller(w);

    // GET: every case × every actor, a few at a time.
    const gets = entries.flatMap(([route, e]) =>
      e.cases.flatMap((c) => (c.get ? ACTORS.map((actor) => ({ route, c, actor, spec: c.get! })) : [])),
    );
    await pool(gets, 6, async ({ route, c, actor, spec }) => {
      const expected = expectationFor(spec, actor);
      if (expected === "skip") return;
      const path = c.path(w);
      const r = await read(await w.clients[actor].get(path));
      const problems: string[] = [];
      if (expected === undefined) problems.push("no expectation for this actor in the matrix");
      if (r.status === 200 && c.type && !c.type.test(r.type)) problems.push(`Content-Type ${r.type}, expected ${c.type}`);
      if (r.status === 200 && c.check) problems.push(...c.check(w, actor, r.body ?? ""));
      results.push({ method: "GET", route, label: label(path), actor, path, expected: expected ?? [], ...r, sent: path, issue10: !!c.issue10, problems });
    });

    // POST: in order, each from a fresh sign-in of the actor (some end sessions or switch accounts);
    // the ones marked `last` change the world for the others, so they come at the end.
    const posts = entries.flatMap(([route, e]) => e.cases.flatMap((c) => (c.post ?? []).map((p) => ({ route, c, p }))));
    for (const { route, c, p } of [...posts.filter((x) => !x.p.last), ...posts.filter((x) => x.p.last)]) {
      for (const actor of p.order ?? ACTORS) {
        const expected = expectationFor(p.expect, actor);
        if (expected === "skip") continue;
        const client = await w.newClient(actor);
        const ctx = p.before ? await p.before(w, actor, client) : {};
        const path = c.path(w);
        const fields = p.form(w, actor, ctx);
        const res = await client.request(path, {
          method: "POST",
          body: formBody(fields),
          headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
        const r = await read(res);
        const problems = p.after ? await p.after(w, actor, client, ctx, r.status) : [];
        if (expected === undefined) problems.push("no expectation for this actor in the matrix");
        const sent = [path, ...Object.values(fields).flat()].join("\n");
        results.push({ method: "POST", route, label: `${label(path)} (${p.name})`, actor, path, expected: expected ?? [], ...r, sent, issue10: !!(p.issue10 || c.issue10), problems });
      }
    }
  }, 180_000);

  afterAll(async () => {
    const by = new Map<number, number>();
    for (const r of results) by.set(r.status, (by.get(r.status) ?? 0) + 1);
    const gets = results.filter((r) => r.method === "GET").length;
    console.log(
      `role matrix: ${results.length} requests (${gets} GET, ${results.length - gets} POST) over ${entries.length} routes × ${ACTORS.length} actors; by status: ` +
        [...by].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(", "),
    );
    await w?.app.stop();
  });

  it("has an entry for every route file in app/routes, with a POST for every route that has an action", () => {
    const missing = [...present].filter((f) => !(f in MATRIX)).map((f) => `${f}: no entry in MATRIX (tests/security/role-matrix.test.ts) — add one with its URLs and the expected status for each of the ${ACTORS.length} actors`);
    const noPost = [...present]
      .filter((f) => f in MATRIX && hasAction(f) && !MATRIX[f]!.cases.some((c) => c.post?.length))
      .map((f) => `${f}: the route has an action but its MATRIX entry has no POST — add one`);
    expect([...missing, ...noPost]).toEqual([]);
  });

  const mismatches = (method: "GET" | "POST") =>
    results
      .filter((r) => r.method === method && (!satisfies(r.expected, r) || r.problems.length))
      .map((r) =>
        `${r.method} ${r.label} as ${r.actor}: expected ${show(r.expected)}, got ${r.status}${r.location ? ` → ${r.location}` : ""}` +
        (r.problems.length ? ` [${r.problems.join("; ")}]` : "") +
        (r.issue10 ? "   // changes with issue 10" : ""),
      )
      .sort();

  it("answers every GET with the expected status for each of the eight actors", () => {
    expect(results.filter((r) => r.method === "GET").length).toBeGreaterThan(0);
    expect(mismatches("GET")).toEqual([]);
  });

  it("answers every action's POST with the expected status and effect for each of the eight actors", () => {
    expect(results.filter((r) => r.method === "POST").length).toBeGreaterThan(0);
    expect(mismatches("POST")).toEqual([]);
  });

  it("finds private data where the who-may-see table allows it, so the search is not blind", () => {
    const shows = (actor: ActorKey, path: string, value: string) => results.some((r) => r.method === "GET" && r.actor === actor && r.path === path && r.status === 200 && !!r.body?.includes(value));
    const A = w.people.learnerA;
    const seen = {
      "the owning manager sees learner A's name and email on cohort X's page": shows("managerOwner", `/manage/cohorts/${w.cohortX.id}`, A.name) && shows("managerOwner", `/manage/cohorts/${w.cohortX.id}`, A.email),
      "the other manager sees Pending Person's email on cohort Y's page": shows("managerOther", `/manage/cohorts/${w.cohortY.id}`, w.pending.email),
      "the assigned instructor sees learner A's submitted draft": shows("instructorAssigned", `/teach/reviews/${A.id}/cbms/ex-cbm-first-year-plan`, w.learnerA.draftMarker),
      "the admin sees learner B's email on /admin/users": shows("admin", "/admin/users", w.people.learnerB.email),
      "the admin sees learner B's email on her account's page": shows("admin", `/admin/users/${w.people.learnerB.id}`, w.people.learnerB.email),
      "learner A finds her certificate in her own data": shows("learnerA", "/profile/data.json", w.learnerA.certificateCode),
      "anyone sees learner A's name on her certificate's verification page": shows("anonymous", `/verify/${w.learnerA.certificateCode}`, A.name),
      "learner B sees her own draft": shows("learnerB", "/courses/cbms/exercises/ex-cbm-first-year-plan", w.learnerB.draftMarker),
    };
    expect(Object.entries(seen).filter(([, ok]) => !ok).map(([what]) => what)).toEqual([]);
  });

  it("shows no one's private data to anyone the who-may-see table does not name", () => {
    const secrets = secretsOf(w);
    const leaks: string[] = [];
    for (const r of results) {
      if (r.body === null) continue;
      for (const s of secrets) {
        if (!r.body.includes(s.value)) continue;
        const seen = { route: r.route, path: r.path, actor: r.actor, sent: r.sent };
        if (!mayAppear(s, seen, w)) leaks.push(`${r.method} ${r.label} as ${r.actor} (${r.status}) shows ${s.whose}'s ${s.what}`);
      }
    }
    expect([...new Set(leaks)].sort()).toEqual([]);
  });
});
