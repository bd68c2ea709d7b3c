// A bounded, seeded fuzz of the real server: ~3,000 requests over every action (POST) and every
// parameterised route (GET) of app/routes, as five of the world's actors, with mutated parameters,
// bodies, content types, cookies and methods. It asserts that no answer is a 5xx and that the data
// the fuzz did not target is unchanged afterwards.
//
// What the fuzz targets (may change): the acting actors' own records (anonymous, learner B, the
// unassigned instructor, the other manager, admin), cohort Y and the cohorts and invitations the
// fuzz creates. What it must not change: learner A's, the assigned instructor's and the owning
// manager's records of every kind, cohort X, the certificates, and the acting users' ids, emails and
// password hashes. The fuzz sends the protected ids to the acting actors (learner B on A's attempt,
// the other manager on cohort X...), never as a request that the acting actor may legitimately make
// (an admin revoking a real certificate, joining cohort X with its code, ...).
//
// The request plan is deterministic for a seed (FUZZ_SEED, printed; FUZZ_REQUESTS for another
// count): requests go out in batches, each client's in plan order. Server-made ids (new cohorts,
// attempts) differ from run to run and are picked by their position in what the fuzz has learned.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessionDigest } from "../../app/auth/adapter.server";
import { offlineKey } from "../../app/offline/keys.server";
import type { Client } from "./app";
import { createWorld, formBody, hasAction, routeFiles, routePattern, type ActorKey, type PersonKey, type World } from "./world";

const SEED = Number(process.env.FUZZ_SEED ?? 0x10f022);
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 3000);
const BATCH = 100;
const CONCURRENCY = 6;

const ACTING = ["anonymous", "learnerB", "instructorUnassigned", "managerOther", "admin"] as const satisfies readonly ActorKey[];
type Acting = (typeof ACTING)[number];
const PROTECTED: PersonKey[] = ["learnerA", "instructorAssigned", "managerOwner"];

// A small deterministic PRNG (mulberry32) ----------------------------------------------------------

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
type Rng = ReturnType<typeof mulberry32>;
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const chance = (r: Rng, p: number) => r() < p;

// Mutations ----------------------------------------------------------------------------------------

/** Percent sequences sent as they are (never re-encoded): broken escapes and encoded traversal. */
const RAW = ["%", "%zz", "%E0%A4%A", "%00", "%0d%0a", "%2e%2e", "..%2F..%2F", "%ff%fe", "%25", "%u0041", "%C0%AE%C0%AE"];
const NASTY = [
  "", " ", "   ", "../", "../../etc/passwd", "....//", "/", "//evil.example", "/\\evil.example", "\\", "./",
  "' OR '1'='1", "'; DROP TABLE users; --", "\" OR 1=1 --", "1 UNION SELECT password_hash FROM users", "%' --", "_%",
  "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "'\"`<>&", "{{7*7}}", "${7*7}", "<!--",
  "é", "日本語テキスト", "🙂🙃", "\u202eevil", "e\u0301", "ﬁ", "\u200b", "Ω≈ç√", "\uD800", "\uFFFE", "\uFEFF",
  "\u0000", "\r\n", "\t", "\u001b[31m", "\u007f", "\u0085", "\u2028", "a\u0000b",
  "__proto__", "constructor", "prototype", "toString", "hasOwnProperty",
  "0", "-1", "1e309", "NaN", "Infinity", "99999999999999999999", "0x10", "1.5", "-0",
  "null", "undefined", "true", "[]", "{}", "[object Object]",
  "A".repeat(300), "x".repeat(5000), "é".repeat(2000), "%".repeat(200),
  "javascript:alert(1)", "http://evil.example/", "00000000-0000-0000-0000-000000000000", "zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz",
];

function enc(v: string): string {
  try {
    return encodeURIComponent(v);
  } catch {
    return "%ED%A0%80"; // a lone surrogate, as its UTF-8 bytes would be sent
  }
}

/** A mutated value: the valid one, a nasty one, or the valid one bent. */
function mutate(r: Rng, valid: string): string {
  const x = r();
  if (x < 0.55) return valid;
  if (x < 0.8) return pick(r, NASTY);
  switch (Math.floor(r() * 7)) {
    case 0:
      return valid + pick(r, NASTY);
    case 1:
      return pick(r, NASTY) + valid;
    case 2:
      return valid.toUpperCase();
    case 3:
      return valid.slice(0, Math.floor(valid.length / 2));
    case 4:
      return valid + valid;
    case 5:
      return valid.replace(/[a-z]/i, "é");
    default:
      return `${valid} `;
  }
}

/** A path segment: encoded (usually), or one of the raw percent sequences. */
function segment(r: Rng, valid: string): string {
  if (chance(r, 0.12)) return pick(r, RAW);
  if (chance(r, 0.05)) return enc(valid) + pick(r, RAW);
  return enc(mutate(r, valid));
}

// The world as pools of values ---------------------------------------------------------------------

interface Pools {
  byParam: Record<string, string[]>;
  /** values an acting actor may legitimately act on (POST) — never protected data */
  postSafe: (param: string, actor: Acting, values: string[]) => string[];
  learned: { cohorts: string[]; attempts: string[]; inviteCodes: string[]; tokens: string[] };
}

function poolsOf(w: World): Pools {
  const courses = w.catalog.courses;
  const learned = { cohorts: [] as string[], attempts: [] as string[], inviteCodes: [] as string[], tokens: w.pendingToken ? [w.pendingToken] : [] };
  const A = w.people.learnerA;
  const B = w.people.learnerB;
  const byParam: Record<string, string[]> = {
    courseId: courses.map((c) => c.id),
    lessonId: courses.flatMap((c) => c.lessons.slice(0, 3).map((l) => l.id)),
    moduleId: courses.flatMap((c) => c.modules.slice(0, 2).map((m) => m.id)),
    quizId: courses.flatMap((c) => c.quizzes.slice(0, 2).map((q) => q.id)),
    exerciseId: courses.flatMap((c) => [...c.exercisesById.keys()]),
    attemptId: [w.learnerA.attemptId, w.learnerB.attemptId],
    userId: [A.id, B.id, w.people.instructorUnassigned.id, w.people.admin.id],
    cohortId: [w.cohortX.id, w.cohortY.id],
    code: [w.learnerA.certificateCode, w.learnerB.certificateCode, w.cohortX.inviteCode],
    token: [],
  };
  const protectedValues = new Set([
    w.cohortX.id,
    w.cohortX.inviteCode,
    w.learnerA.certificateCode,
    w.learnerB.certificateCode,
    ...PROTECTED.map((k) => w.people[k].id),
  ]);
  return {
    byParam,
    learned,
    postSafe: (param, actor, values) => {
      // Joining cohort X with its code, or an admin acting on protected records, would be a
      // legitimate change of protected data: those values are not sent as POSTs that could do it.
      if (param === "code") return values.filter((v) => !protectedValues.has(v));
      if (actor === "admin") return values.filter((v) => !protectedValues.has(v));
      return values;
    },
  };
}

function paramValues(p: Pools, name: string): string[] {
  const base = p.byParam[name] ?? Object.values(p.byParam).flat();
  if (name === "cohortId") return [...base, ...p.learned.cohorts];
  if (name === "attemptId") return [...base, ...p.learned.attempts];
  if (name === "code") return [...base, ...p.learned.inviteCodes];
  if (name === "token") return [...base, ...p.learned.tokens];
  return base;
}

// Requests -----------------------------------------------------------------------------------------

interface Template {
  route: string;
  method: "GET" | "POST";
  pattern: string;
  params: string[];
}

interface Planned {
  i: number;
  route: string;
  actor: Acting;
  /** sent from the actor's spare session (sign-in, sign-out, registration), so its main one lives on */
  spare: boolean;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array | FormData;
  /** what the body was, for the failure list */
  bodyShown: string;
  tags: string[];
  /** the valid path parameters used, to learn from the answer */
  params: Record<string, string>;
}

interface Done extends Planned {
  status: number | "network error";
  location: string | null;
  text: string;
  error?: string;
}

const QUERY_KEYS = ["redirectTo", "q", "page", "sort", "dir", "course", "scope", "country", "from", "to", "kind", "size", "answered", "chose", "code", "lang", "_data", "index", "intent"];
const QUERY_VALID: Record<string, string[]> = {
  redirectTo: ["/dashboard", "/courses/essentials", "//evil.example", "/\t/evil.example", "/./\\evil.example", "/\r\nSet-Cookie: x=1", "/a\u0000b", "/\u0007bell"],
  page: ["1", "2", "0", "-5", "100001"],
  sort: ["name", "progress", "score", "lastActivity", "__proto__"],
  dir: ["asc", "desc"],
  course: ["essentials", "cbms", "national-strategy"],
  scope: ["cohort", "programme"],
  country: ["GH", "FR", "ZZ", "gh"],
  from: ["2026-01-01", "2026-13-45", "yesterday"],
  to: ["2026-12-31", "0000-00-00"],
  kind: ["learners", "country", "orgType", "gender", "__proto__", "constructor"],
  size: ["letter", "a4", "LETTER"],
  _data: ["root", "routes/dashboard", "routes/profile", "routes/admin.users._index", "routes/../root", "routes%2Fdashboard"],
  lang: ["fr", "es", "en", "xx"],
};

const COOKIE_JUNK = [
  "lang=%", "lang=%E0%A4%A", "lang=%zz", "lang=\"fr\"", "lang=xx", "lang=fr; lang=es", "lang=" + "é".repeat(50),
  "device=%", "device=%E0%A4%A", "device=" + "A".repeat(64), "__proto__=1", "=; ;;", ";", "a=b=c",
  "session=%E0%A4%A", "session=%", "session=" + "x".repeat(3000), "session=", "session=\"quoted\"",
];
const ODD_METHODS = ["PUT", "PATCH", "DELETE", "OPTIONS", "HEAD", "PROPFIND"];
const ROLES = ["learner", "instructor", "manager", "admin"];

/** The fields a route's form sends, each mutated; unknown (new) routes get a generic form. */
function fieldsFor(r: Rng, w: World, p: Pools, t: Template, actor: Acting): [string, string][] {
  const m = (v: string) => mutate(r, v);
  const A = w.people.learnerA;
  const cbms = w.catalog.byId.get("cbms")!;
  const quiz = w.catalog.byId.get("essentials")!.quizzes[0]!;
  const scenario = w.catalog.byId.get("csirt-cooperation")!.exercisesById.get("sc-hospital-ransomware");
  const choices = scenario?.type === "scenario" ? scenario.steps.flatMap((s) => s.choices.map((c) => c.id)) : [];
  const roleOf = (id: string) => Object.values(w.people).find((x) => x.id === id)?.role ?? "learner";
  switch (t.route) {
    case "admin.certificates.tsx":
      // Real codes only for non-admins (who must be refused); the admin gets well-formed unknown codes.
      return [["code", actor === "admin" ? m(pick(r, ["ZZZZZZZZZZZZZZZZ", "2222222222222222"])) : m(pick(r, [w.learnerA.certificateCode, w.learnerB.certificateCode]))], ["reason", m("fuzz")]];
    case "admin.backups.tsx":
      // A real backup (into the server's BACKUP_DIR, a temporary folder) whenever the intent survives.
      return [["intent", m("backup")]];
    case "admin.courses.tsx": {
      const assign = chance(r, 0.5);
      // The admin may assign the assigned instructor again (a no-op) or non-instructors (refused),
      // and remove only people who are not assigned: the assigned instructor's courses are protected.
      const emails = [w.people.instructorAssigned.email, A.email, w.people.managerOther.email, "nobody@example.org"];
      const userIds = [w.people.instructorUnassigned.id, w.people.learnerB.id, "00000000-0000-4000-8000-000000000000"];
      return assign
        ? [["intent", m("assign")], ["courseId", m(pick(r, p.byParam.courseId!))], ["email", m(pick(r, emails))]]
        : [["intent", m("remove")], ["courseId", m(pick(r, p.byParam.courseId!))], ["userId", m(pick(r, actor === "admin" ? userIds : [...userIds, w.people.instructorAssigned.id]))]];
    }
    case "admin.users.tsx": {
      // The admin sets acting users' roles to what they are (a no-op), or to something malformed.
      const acting = [w.people.learnerB.id, w.people.instructorUnassigned.id, w.people.managerOther.id, w.people.admin.id];
      const id = pick(r, actor === "admin" ? acting : [...acting, A.id]);
      // A reset link (issue 13) for an acting user: it changes no password until someone uses it.
      if (chance(r, 0.25)) return [["intent", m("reset-link")], ["userId", m(id)]];
      const role = actor === "admin" ? (chance(r, 0.6) ? roleOf(id) : pick(r, NASTY)) : pick(r, ROLES);
      return [["userId", m(id)], ["role", role]];
    }
    case "courses.$courseId._index.tsx":
      return [["intent", m("enrol")]];
    case "courses.$courseId.exercises.$exerciseId._index.tsx": {
      const prompts = [...cbms.exercisesById.values()].flatMap((e) => (e.type === "drafting" ? e.prompts.map((x) => x.id) : []));
      const f: [string, string][] = [["intent", m(pick(r, ["save", "submit"]))]];
      const n = 1 + Math.floor(r() * 4);
      for (let k = 0; k < n; k++) {
        const id = pick(r, prompts);
        f.push([chance(r, 0.5) ? `p.${id}` : `p.${id}.${pick(r, ["0", "5", "99", "-1", "a"])}.${pick(r, ["0", "4", "99", "x"])}`, m("fuzz text")]);
      }
      return f;
    }
    case "courses.$courseId.lessons.$lessonId.tsx":
      return [["intent", m("complete")]];
    case "courses.$courseId.quizzes.$quizId._index.tsx":
      return [["intent", m("start")]];
    case "courses.$courseId.quizzes.$quizId.attempts.$attemptId.tsx": {
      const q = pick(r, quiz.questions);
      const opts = "options" in q ? q.options.map((o) => o.id) : ["x"];
      const f: [string, string][] = [["questionId", m(q.id)], ["answer", m(pick(r, [...opts, "true", "false"]))]];
      if (chance(r, 0.3)) f.push([`position.${pick(r, opts)}`, m("1")], [`match.${pick(r, opts)}`, m(pick(r, opts))]);
      return f;
    }
    case "courses.$courseId.scenarios.$exerciseId.tsx":
      return chance(r, 0.3) ? [["intent", m("start")]] : [["choice", m(pick(r, choices.length ? choices : ["c"]))]];
    case "language.tsx":
      return [["lang", m(pick(r, ["en", "fr", "es"]))], ["redirectTo", m(pick(r, QUERY_VALID.redirectTo!))]];
    case "login.tsx": {
      // Own credentials sometimes (a rotation of the session), others' emails with wrong passwords.
      const who = pick(r, [w.people.learnerB, w.people.managerOther, A]);
      const right = actor !== "anonymous" && who.key === actor && chance(r, 0.5);
      return [["email", m(who.email)], ["password", right ? who.password : m("wrong password 123")], ["redirectTo", m(pick(r, QUERY_VALID.redirectTo!))]];
    }
    case "logout.tsx":
      return chance(r, 0.5) ? [] : [["x", pick(r, NASTY)]];
    case "manage._index.tsx": {
      const f: [string, string][] = [["name", m("Fuzz cohort")], ["programme", m("Fuzz programme")], ["starts_on", m("2026-03-01")], ["ends_on", m("2026-09-30")]];
      const n = Math.floor(r() * 3);
      for (let k = 0; k < n + 1; k++) f.push(["courses", m(pick(r, p.byParam.courseId!))]);
      return f;
    }
    case "manage.cohorts.$cohortId._index.tsx": {
      const x = r();
      // Reset links for listed people (issue 13): the acting managers reach only cohort Y's and their own cohorts'.
      if (x < 0.15) return [["intent", m("reset-link")], ["email", m(pick(r, [w.pending.email, w.people.learnerB.email, A.email, "nobody@example.org"]))]];
      if (x < 0.25) return [["intent", m("email-invitations")], ["lang", m(pick(r, ["en", "fr", "es"]))], ["scope", m(pick(r, ["new", "all"]))]];
      return [["intent", m("invite")], ["days", m(pick(r, ["7", "365", "0", "366"]))], ["max_uses", m(pick(r, ["1", "100000", "0"]))]];
    }
    case "profile.tsx": {
      const x = r();
      const digests = [sessionDigest(w.clients.learnerA.cookies.get("session") ?? ""), "0".repeat(64), "f".repeat(64)];
      if (x < 0.25) return [["intent", m("end-session")], ["sessionId", m(pick(r, digests))]];
      if (x < 0.35) return [["intent", m("end-other-sessions")]];
      // Never the right current password: the acting users' password hashes are in the snapshot.
      if (x < 0.45) return [["intent", m("change-password")], ["currentPassword", m("not the right password")], ["newPassword", m("a long enough new password")]];
      return [["name", m("Fuzz Name")], ["country", m(pick(r, ["", "GH", "FR"]))], ["organisation", m("")], ["org_type", m(pick(r, ["", "mfa", "csirt"]))], ["gender", m(pick(r, ["", "female", "other"]))]];
    }
    case "register.tsx":
      return [
        ["name", m("Fuzz Registrant")],
        ["email", m(pick(r, [A.email, w.pending.email, `fuzz${Math.floor(r() * 1e6)}@fuzz.example`]))],
        ["password", m("long enough password")],
        ["locale", m(pick(r, ["en", "fr", "es"]))],
        ["redirectTo", m(pick(r, QUERY_VALID.redirectTo!))],
      ];
    case "teach.reviews.$userId.$courseId.$exerciseId.tsx":
      return [["decision", m(pick(r, ["comment", "return", "accept"]))], ["comment", m("fuzz review")]];
    case "offline.sync.tsx": {
      // The actor's own key (its queue is recorded for itself only), or another person's (refused whole).
      const keys = [actor === "anonymous" ? "x" : offlineKey(w.people[actor].id), offlineKey(A.id), offlineKey(w.people.learnerB.id)];
      const lessons = w.catalog.courses.flatMap((c) => c.lessons.slice(0, 2).map((l) => `${c.id}/${l.id}`));
      const f: [string, string][] = [["key", m(pick(r, keys))]];
      const n = Math.floor(r() * 4);
      for (let k = 0; k < n; k++) f.push(["read", m(pick(r, lessons))]);
      return f;
    }
    case "forgot-password.tsx":
      return [["email", m(pick(r, [A.email, w.people.learnerB.email, "nobody@example.org"]))]];
    case "reset-password.$token.tsx":
      return [["password", m("a long enough new password")]];
    case "join.$code.tsx":
    case "invitations.$token.tsx":
      return chance(r, 0.7) ? [] : [["intent", m("accept")]];
    default:
      return [["intent", m("go")], ["name", m("x")], ["email", m("a@b.example")], ["id", m(pick(r, Object.values(p.byParam).flat()))]];
  }
}

/** A participants' CSV for the upload form: mostly well-formed, with other people's addresses among them. */
function csvFile(r: Rng, w: World): string {
  if (chance(r, 0.25)) return pick(r, ["", "\uFEFF", "just text", "\"unterminated,quote\nname,email", "name\n", "=cmd|' /C calc'!A0,x@y.z", "a,b,c\n".repeat(500)]);
  // Mostly valid rows (one bad row refuses the whole file), often naming learner A: an import must
  // never link her account to a cohort she did not join (issue 10, finding 1).
  const lines = ["name,email,country,organisation type,gender"];
  const n = 1 + Math.floor(r() * 4);
  for (let k = 0; k < n; k++) {
    const email = chance(r, 0.1) ? pick(r, NASTY) : pick(r, [w.people.learnerA.email, w.people.learnerA.email, w.people.learnerB.email, w.pending.email, `new${k}.${Math.floor(r() * 1e6)}@fuzz.example`]);
    const name = chance(r, 0.8) ? `Fuzz Person ${k} ${pick(r, ["é", "日本", "=SUM(A1)", "+1", "@x", ""])}` : mutate(r, `Fuzz Person ${k}`);
    const odd = (good: string[], bad: string) => (chance(r, 0.05) ? bad : pick(r, good));
    const cells = [name, email, odd(["GH", "France", ""], "ZZ"), odd(["mfa", "csirt", "", "other"], "pirates"), odd(["female", "", "male"], "x")];
    lines.push(cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(","));
  }
  return lines.join(chance(r, 0.2) ? "\r\n" : "\n");
}

function fillPath(r: Rng, p: Pools, t: Template, actor: Acting, method: string): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  let path = t.pattern;
  for (const name of t.params) {
    let values = paramValues(p, name);
    if (method !== "GET" && method !== "HEAD") values = p.postSafe(name, actor, values);
    const valid = values.length ? pick(r, values) : pick(r, NASTY);
    params[name] = valid;
    path = path.replace(`:${name}`, segment(r, valid));
  }
  if (chance(r, 0.3)) {
    const pairs: string[] = [];
    const n = 1 + Math.floor(r() * 3);
    for (let k = 0; k < n; k++) {
      const key = pick(r, QUERY_KEYS);
      const val = chance(r, 0.15) ? pick(r, RAW) : enc(mutate(r, pick(r, QUERY_VALID[key] ?? ["x"])));
      pairs.push(`${chance(r, 0.05) ? pick(r, RAW) : key}=${val}`);
      if (chance(r, 0.15)) pairs.push(`${key}=${enc(pick(r, NASTY))}`); // a duplicated key
    }
    path += `?${pairs.join("&")}`;
  }
  return { path, params };
}

/** Routes whose action ends or replaces the session that sends it: the fuzz sends them from a spare session. */
const SESSION_ROUTES = ["login.tsx", "logout.tsx", "register.tsx"];
type Jars = Record<"main" | "spare", Record<Acting, Client>>;

/** Who can get past a route's first check: half the requests come from them, so the fuzz reaches deeper code. */
function mayAct(route: string): readonly Acting[] {
  if (route.startsWith("manage")) return ["managerOther", "admin"];
  if (route.startsWith("admin")) return ["admin"];
  if (route.startsWith("teach")) return ["instructorUnassigned", "admin"];
  if (route.startsWith("courses.") || route.startsWith("certificates") || route.startsWith("invitations") || route.startsWith("join")) return ["learnerB"];
  return ACTING;
}

function plan(i: number, r: Rng, w: World, p: Pools, templates: Template[], jars: Jars): Planned {
  const t = templates[i % templates.length]!;
  const actor = chance(r, 0.5) ? pick(r, mayAct(t.route)) : pick(r, ACTING);
  const spare = SESSION_ROUTES.includes(t.route);
  const tags: string[] = [];
  let method: string = t.method;
  if (chance(r, 0.06)) method = pick(r, ODD_METHODS);
  const { path, params } = fillPath(r, p, t, actor, method);
  const headers: Record<string, string> = {};

  const base = jars[spare ? "spare" : "main"][actor].cookieHeader;
  if (chance(r, 0.12)) {
    const junk = pick(r, COOKIE_JUNK);
    const mode = r();
    const cookie = junk.startsWith("session=") && mode < 0.5 ? [base.replace(/(^|; )session=[^;]*/, ""), junk].filter(Boolean).join("; ") : [base, junk].filter(Boolean).join("; ");
    headers.Cookie = cookie || junk;
    tags.push(/%(?![0-9a-fA-F]{2})|%E0%A4%A(?![0-9a-fA-F])/.test(junk) ? "malformed % in a cookie" : "odd cookie");
  }
  if (chance(r, 0.04)) headers["Accept-Language"] = pick(r, ["zz", "*", ";;;", "fr-CA;q=abc", "é", "x".repeat(500)]);
  if (chance(r, 0.03)) {
    headers.Origin = pick(r, ["http://evil.example", "null", "https://127.0.0.1"]);
    tags.push("cross-origin");
  }
  if (chance(r, 0.03)) headers["Sec-Fetch-Site"] = pick(r, ["cross-site", "same-origin", "none", "bogus"]);

  let body: Planned["body"];
  let bodyShown = "";
  if (method !== "GET" && method !== "HEAD" && method !== "OPTIONS") {
    let fields = fieldsFor(r, w, p, t, actor);
    if (chance(r, 0.1) && fields.length) fields = fields.filter((_, k) => k !== Math.floor(r() * fields.length)); // a field missing
    if (chance(r, 0.1) && fields.length) fields.push([pick(r, fields)[0], pick(r, NASTY)]); // a field twice
    if (chance(r, 0.08)) fields.push([pick(r, ["__proto__", "constructor", "_data", "intent", "redirectTo", "p.", "", "a[b]"]), pick(r, NASTY)]);
    const upload = t.route === "manage.cohorts.$cohortId._index.tsx" && chance(r, 0.6);
    const x = r();
    if (upload || (x >= 0.7 && x < 0.78)) {
      const fd = new FormData();
      for (const [k, v] of fields) fd.append(k, v);
      if (upload) {
        const csv = csvFile(r, w);
        fd.append(chance(r, 0.95) ? "file" : "files", new Blob([csv], { type: "text/csv" }), pick(r, ["people.csv", "../../x.csv", "é.csv", "people.csv"]));
        bodyShown = `multipart: ${JSON.stringify(fields)} + file ${JSON.stringify(csv.slice(0, 120))}`;
      } else bodyShown = `multipart: ${JSON.stringify(fields)}`;
      body = fd;
    } else if (x < 0.7) {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = formBody(fields);
      if (chance(r, 0.08)) body += `&${pick(r, RAW)}=${pick(r, RAW)}`; // a broken escape in the body itself
    } else if (x < 0.83) {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify(Object.fromEntries(fields));
    } else if (x < 0.87) {
      headers["Content-Type"] = "text/plain";
      body = fields.map(([k, v]) => `${k}=${v}`).join("\n");
    } else if (x < 0.9) {
      body = new TextEncoder().encode(formBody(fields)); // no Content-Type at all
    } else if (x < 0.94) {
      headers["Content-Type"] = pick(r, ["multipart/form-data", "multipart/form-data; boundary=zzz", "multipart/form-data; boundary="]);
      body = pick(r, ["--zzz\r\nContent-Disposition: form-data; name=\"intent\"\r\n\r\nsave\r\n", "garbage", "--zzz--", ""]);
    } else if (x < 0.97) {
      headers["Content-Type"] = pick(r, ["application/x-www-form-urlencoded; charset=utf-16", "application/x-www-form-urlencoded; charset=bogus", "APPLICATION/X-WWW-FORM-URLENCODED"]);
      body = formBody(fields);
    } else {
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      body = new Uint8Array([0x69, 0x6e, 0x74, 0x65, 0x6e, 0x74, 0x3d, 0xff, 0xfe, 0xc3, 0x28, 0x26, 0x61, 0x3d, 0xed, 0xa0, 0x80]); // invalid UTF-8
    }
    if (!bodyShown) bodyShown = typeof body === "string" ? body : body instanceof Uint8Array ? `bytes ${Buffer.from(body).toString("hex")}` : "";
    // eslint-disable-next-line no-control-regex
    if (fields.some(([k, v]) => k === "redirectTo" && /[\u0000-\u001f\u007f]/.test(v))) tags.push("control character in redirectTo");
  }
  // eslint-disable-next-line no-control-regex
  if (/redirectTo=[^&]*(%0[0-9a-f]|%1[0-9a-f]|%7f)/i.test(path)) tags.push("control character in redirectTo");
  return { i, route: t.route, actor, spare, method, path, headers, body, bodyShown, tags, params };
}

async function send(jars: Jars, q: Planned): Promise<Done> {
  const client = jars[q.spare ? "spare" : "main"][q.actor];
  try {
    const res = await client.request(q.path, { method: q.method, headers: q.headers, body: q.body as BodyInit | undefined });
    const text = q.method === "HEAD" ? "" : await res.text();
    return { ...q, status: res.status, location: res.headers.get("location"), text };
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const error = cause ? `${cause.code ?? ""} ${cause.message ?? ""}`.trim() : String(e);
    return { ...q, status: "network error", location: null, text: "", error, tags: [...q.tags, ...(/HEADERS_OVERFLOW/.test(error) ? ["the answer's headers are too large to read"] : [])] };
  }
}

/** Keeps what the fuzz itself created (its cohorts, attempts, invitation codes and links) for later requests. */
function learn(p: Pools, w: World, d: Done) {
  const loc = d.location ?? "";
  const cohort = /^\/manage\/cohorts\/([0-9a-f-]{36})$/.exec(loc)?.[1];
  if (cohort && d.method === "POST" && d.route === "manage._index.tsx" && !p.learned.cohorts.includes(cohort)) p.learned.cohorts.push(cohort);
  const attempt = /\/attempts\/([0-9a-f-]{36})$/.exec(loc)?.[1];
  if (attempt && !p.learned.attempts.includes(attempt)) p.learned.attempts.push(attempt);
  if (d.status !== 200 || d.params.cohortId === w.cohortX.id) return;
  if (d.method === "POST" && d.route === "manage.cohorts.$cohortId._index.tsx")
    for (const m of d.text.matchAll(/\/join\/([A-Z2-9]{10})\b/g)) if (!p.learned.inviteCodes.includes(m[1]!)) p.learned.inviteCodes.push(m[1]!);
  if (d.route === "manage.cohorts.$cohortId.invitations[.]csv.tsx")
    for (const m of d.text.matchAll(/\/invitations\/([A-Za-z0-9_-]{16,64})/g)) if (!p.learned.tokens.includes(m[1]!)) p.learned.tokens.push(m[1]!);
}

// The data the fuzz does not target ---------------------------------------------------------------

type Snapshot = Record<string, string[]>;

function snapshot(w: World): Snapshot {
  const db = w.app.sqlite;
  const rows = (sql: string, ...args: unknown[]) => (db.prepare(sql).all(...args) as Record<string, unknown>[]).map((r) => JSON.stringify(r)).sort();
  const protectedIds = PROTECTED.map((k) => w.people[k].id);
  const actingIds = ACTING.filter((a): a is Exclude<Acting, "anonymous"> => a !== "anonymous").map((k) => w.people[k].id);
  const marks = (xs: unknown[]) => xs.map(() => "?").join(",");
  const s: Snapshot = {
    "users: learner A, the assigned instructor, the owning manager (whole rows)": rows(`SELECT * FROM users WHERE id IN (${marks(protectedIds)})`, ...protectedIds),
    "users: the acting ones' id, email, password hash, creation": rows(`SELECT id, email, password_hash, created_at FROM users WHERE id IN (${marks(actingIds)})`, ...actingIds),
    "certificates issued in the world": rows("SELECT * FROM certificates WHERE id IN (?, ?)", w.learnerA.certificateId, w.learnerB.certificateId),
    "cohorts: cohort X": rows("SELECT * FROM cohorts WHERE id = ?", w.cohortX.id),
    "quiz_answers of the protected people's attempts": rows(`SELECT * FROM quiz_answers WHERE attempt_id IN (SELECT id FROM quiz_attempts WHERE user_id IN (${marks(protectedIds)}))`, ...protectedIds),
  };
  const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'kysely_%'").all() as { name: string }[]).map((t) => t.name);
  for (const table of tables) {
    const columns = (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((c) => c.name);
    // Every row about a protected person, in every table that names a user (progress, drafts,
    // comments, runs, sessions, devices, cohort places — a place linked without consent shows here).
    for (const col of ["user_id", "author_id", "created_by"].filter((c) => columns.includes(c) && table !== "users"))
      s[`${table}.${col}: the protected people's rows`] = rows(`SELECT * FROM "${table}" WHERE "${col}" IN (${marks(protectedIds)})`, ...protectedIds);
    if (columns.includes("cohort_id")) s[`${table}: cohort X's rows`] = rows(`SELECT * FROM "${table}" WHERE cohort_id = ?`, w.cohortX.id);
  }
  return s;
}

function differences(before: Snapshot, after: Snapshot): string[] {
  const out: string[] = [];
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = new Set(before[key] ?? []);
    const a = new Set(after[key] ?? []);
    const gone = [...b].filter((x) => !a.has(x));
    const added = [...a].filter((x) => !b.has(x));
    if (gone.length || added.length) out.push(`${key}:\n${gone.map((x) => `  - ${x}`).join("\n")}${gone.length && added.length ? "\n" : ""}${added.map((x) => `  + ${x}`).join("\n")}`);
  }
  return out;
}

// The run ----------------------------------------------------------------------------------------

async function pool<T>(items: T[], size: number, run: (t: T) => Promise<void>) {
  let next = 0;
  await Promise.all(Array.from({ length: size }, async () => {
    while (next < items.length) await run(items[next++]!);
  }));
}

/** A string as JSON, with long repeats folded ("%C3%A9"×2000) and the rest cut at `n` characters. */
const shown = (s: string, n = 200) => {
  const j = JSON.stringify(s).replace(/(.{1,8}?)\1{7,}/g, (run, unit: string) => `‹${unit}×${run.length / unit.length}›`);
  return j.length > n ? `${j.slice(0, n)}…"` : j;
};

describe("A seeded fuzz of every action and parameterised route", () => {
  let w: World;
  let before: Snapshot;
  let after: Snapshot;
  const done: Done[] = [];
  let elapsed = 0;
  let relogins = 0;
  let healthAfter = 0;

  beforeAll(async () => {
    console.log(`fuzz: seed ${SEED} (0x${SEED.toString(16)}), ${TOTAL} requests (FUZZ_SEED and FUZZ_REQUESTS change them)`);
    w = await createWorld();
    // Every route's GET (the parameterised ones with mutated parameters, all with mutated queries)
    // and every route's action, each given the same share of the requests.
    // The cohort page's action (invitations, the CSV import) gets three shares: it is where an import
    // could link someone's account without their consent.
    const templates: Template[] = routeFiles().flatMap((route) => {
      const { pattern, params } = routePattern(route);
      const out: Template[] = [{ route, method: "GET", pattern, params }];
      if (hasAction(route)) out.push(...Array<Template>(route === "manage.cohorts.$cohortId._index.tsx" ? 3 : 1).fill({ route, method: "POST", pattern, params }));
      return out;
    });
    const pools = poolsOf(w);
    const rng = mulberry32(SEED);
    const jars = { main: {}, spare: {} } as Jars;
    for (const a of ACTING) {
      jars.main[a] = w.clients[a];
      jars.spare[a] = await w.newClient(a);
    }
    before = snapshot(w);
    const started = performance.now();
    for (let start = 0; start < TOTAL; start += BATCH) {
      // Sessions the fuzz ended (sign-out, "sign out everywhere else", a new sign-in) are renewed
      // between batches, so each actor keeps acting as itself; these requests are not counted.
      // A registration or a sign-in may also have switched a client to another account: each client
      // is checked to be signed in as its own actor (anonymous: as nobody).
      for (const jar of [jars.main, jars.spare]) {
        jar.anonymous.cookies.clear();
        for (const a of ACTING) {
          if (a === "anonymous") continue;
          const c: Client = jar[a];
          const session = c.cookies.get("session");
          const row = session ? (w.app.sqlite.prepare("SELECT user_id FROM sessions WHERE id = ?").get(sessionDigest(session)) as { user_id: string } | undefined) : undefined;
          if (row?.user_id !== w.people[a].id) {
            relogins++;
            c.cookies.delete("session");
            await c.login(w.people[a].email, w.people[a].password).catch(() => undefined);
          }
        }
      }
      const batch = Array.from({ length: Math.min(BATCH, TOTAL - start) }, (_, k) => plan(start + k, rng, w, pools, templates, jars));
      // One lane per client, in plan order (an actor's sign-out comes before its next request,
      // every run); the lanes run side by side.
      const results: Done[] = new Array(batch.length);
      const lanes = new Map<string, number[]>();
      batch.forEach((q, k) => lanes.set(`${q.actor}/${q.spare}`, [...(lanes.get(`${q.actor}/${q.spare}`) ?? []), k]));
      await pool([...lanes.values()], CONCURRENCY, async (lane) => {
        for (const k of lane) results[k] = await send(jars, batch[k]!);
      });
      for (const d of results) {
        done.push(d);
        learn(pools, w, d);
      }
    }
    elapsed = (performance.now() - started) / 1000;
    healthAfter = (await fetch(`${w.app.url}/healthz`)).status;
    after = snapshot(w);
  }, 300_000);

  afterAll(async () => {
    const by = new Map<string, number>();
    for (const d of done) by.set(String(d.status), (by.get(String(d.status)) ?? 0) + 1);
    const routes = new Set(done.map((d) => `${d.method === "GET" ? "GET" : "POST"} ${d.route}`));
    console.log(
      `fuzz: seed ${SEED} (0x${SEED.toString(16)}), ${done.length} requests over ${new Set(done.map((d) => d.route)).size} routes (${routes.size} route × method), ` +
        `by status: ${[...by].sort(([a], [b]) => a.localeCompare(b)).map(([s, n]) => `${s}×${n}`).join(", ")}; ${elapsed.toFixed(1)} s; ` +
        `${relogins} sessions renewed between batches; ${Object.values(before ?? {}).reduce((n, rows) => n + rows.length, 0)} untargeted rows in ${Object.keys(before ?? {}).length} groups checked`,
    );
    await w?.app.stop();
  });

  it(`answers none of the ${TOTAL} fuzzed requests with a 5xx (or by dropping the connection)`, () => {
    const failed = done.filter((d) => d.status === "network error" || d.status >= 500);
    const groups = new Map<string, number>();
    for (const d of failed) {
      const key = `${d.method} ${d.route} — ${d.tags.filter((t) => t !== "odd cookie" && t !== "cross-origin").join(", ") || "other"}`;
      groups.set(key, (groups.get(key) ?? 0) + 1);
    }
    const errors = [...new Set(w.app.log().split("\n").filter((l) => /^\s*(\w*Error|TypeError|RangeError)\b/.test(l)))].slice(0, 10);
    const report = [
      `${failed.length} of ${done.length} requests failed.`,
      "By route and kind:",
      ...[...groups].sort(([, a], [, b]) => b - a).map(([k, n]) => `  ${n}× ${k}`),
      "The first 20:",
      ...failed.slice(0, 20).map(
        (d) =>
          `  #${d.i} ${d.method} ${shown(d.path, 300)} as ${d.actor} → ${d.status}${d.error ? ` (${d.error})` : ""}` +
          `${d.headers.Cookie ? `\n      Cookie: ${shown(d.headers.Cookie, 160)}` : ""}` +
          `${d.headers["Content-Type"] ? `\n      Content-Type: ${d.headers["Content-Type"]}` : ""}` +
          `${d.bodyShown ? `\n      body: ${shown(d.bodyShown, 300)}` : ""}` +
          `${d.tags.length ? `\n      [${d.tags.join(", ")}]` : ""}`,
      ),
      "The first 10 of no known kind (neither a malformed % in a cookie nor a control character in redirectTo):",
      ...failed
        .filter((d) => !d.tags.some((t) => t === "malformed % in a cookie" || t === "control character in redirectTo"))
        .slice(0, 10)
        .map((d) => `  #${d.i} ${d.method} ${shown(d.path, 300)} as ${d.actor} → ${d.status}${d.error ? ` (${d.error})` : ""}${d.headers.Cookie ? ` Cookie: ${shown(d.headers.Cookie, 120)}` : ""}${d.bodyShown ? ` body: ${shown(d.bodyShown, 200)}` : ""}`),
      "Server errors logged (first 10 distinct):",
      ...errors.map((e) => `  ${e.trim()}`),
    ].join("\n");
    expect(failed.length, report).toBe(0);
  });

  it("leaves unchanged every record the fuzz did not target", () => {
    const diff = differences(before, after);
    expect(diff.join("\n")).toBe("");
  });

  it("still answers /healthz with 200 afterwards", () => {
    expect(healthAfter).toBe(200);
  });
});
