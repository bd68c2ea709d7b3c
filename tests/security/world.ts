// A small world of eight actors, seeded through the platform's own service functions straight into
// the running server's SQLite file (WAL lets the server and the test share it), then signed in through
// the real /login. Shared by the role matrix and the fuzz test.
import fs from "node:fs";
import path from "node:path";
import { createUser } from "../../app/auth/users.server";
import { issueCertificate } from "../../app/certificates/certificates.server";
import { createCohort, createInvite, importParticipants, joinWithInvite } from "../../app/cohorts/cohorts.server";
import { parseParticipantsCsv } from "../../app/cohorts/csv";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import type { Catalog, Course, DraftingExercise, Question, ScenarioExercise } from "../../app/content/types";
import { readDraft } from "../../app/learning/drafting";
import { saveDraft, submitDraft } from "../../app/learning/exercises.server";
import type { FormLike } from "../../app/learning/grading";
import { completeLesson, enrol, recordLessonView } from "../../app/learning/progress.server";
import { answerQuestion, startAttempt } from "../../app/learning/quiz.server";
import { latestRun, recordChoice, startRun } from "../../app/learning/scenario.server";
import { assignInstructor } from "../../app/teaching/staff.server";
import type { Role } from "../../db/schema";
import { Client, startApp, type RunningApp } from "./app";

export const ROOT = path.resolve(__dirname, "../..");
export const ROUTES_DIR = path.join(ROOT, "app/routes");

/** The server runs with PASSWORD_HASH_COST=10 (tests/security/app.ts); accounts are hashed alike. */
const HASH_COST = 10;

export const ACTORS = [
  "anonymous",
  "learnerA",
  "learnerB",
  "instructorAssigned",
  "instructorUnassigned",
  "managerOwner",
  "managerOther",
  "admin",
] as const;
export type ActorKey = (typeof ACTORS)[number];
export type PersonKey = Exclude<ActorKey, "anonymous">;

export interface Person {
  key: PersonKey;
  id: string;
  name: string;
  email: string;
  password: string;
  role: Role;
}

const PEOPLE: Omit<Person, "id">[] = [
  { key: "learnerA", name: "Alpha Zulu-Learner", email: "alpha.zulu@learners.example", password: "alpha-zulu-password-01", role: "learner" },
  { key: "learnerB", name: "Bravo Yankee-Learner", email: "bravo.yankee@learners.example", password: "bravo-yankee-password-02", role: "learner" },
  { key: "instructorAssigned", name: "Ines Assigned-Instructor", email: "ines.assigned@staff.example", password: "ines-assigned-password-03", role: "instructor" },
  { key: "instructorUnassigned", name: "Uma Unassigned-Instructor", email: "uma.unassigned@staff.example", password: "uma-unassigned-password-04", role: "instructor" },
  { key: "managerOwner", name: "Mona Owner-Manager", email: "mona.owner@managers.example", password: "mona-owner-password-05", role: "manager" },
  { key: "managerOther", name: "Otto Other-Manager", email: "otto.other@managers.example", password: "otto-other-password-06", role: "manager" },
  { key: "admin", name: "Ada Root-Administrator", email: "ada.root@admins.example", password: "ada-root-password-07", role: "admin" },
];

/** The courses every learner of the world is enrolled in, and the exercises they worked on. */
export const COURSES = { essentials: "essentials", cbms: "cbms", csirt: "csirt-cooperation" } as const;
export const DRAFTING = { courseId: "cbms", exerciseId: "ex-cbm-first-year-plan" } as const;
export const SCENARIO = { courseId: "csirt-cooperation", exerciseId: "sc-hospital-ransomware" } as const;
export const QUIZ = { courseId: "essentials", quizId: "quiz-framework" } as const;

export interface LearnerData {
  /** the learner's attempt at essentials' quiz-framework (submitted, all right) */
  attemptId: string;
  /** the learner's essentials certificate */
  certificateCode: string;
  certificateId: string;
  scenarioRunId: string;
  /** the drafting answers as saved (submitted for A, still "draft" for B) */
  draftAnswers: Record<string, string | string[][]>;
  /** a phrase of the draft that appears nowhere else: the marker to look for in pages */
  draftMarker: string;
  /** the fields of the drafting form that reproduce the saved answers */
  draftForm: Record<string, string>;
}

export interface World {
  app: RunningApp;
  catalog: Catalog;
  people: Record<PersonKey, Person>;
  /** one signed-in client per actor (anonymous has no cookie) */
  clients: Record<ActorKey, Client>;
  learnerA: LearnerData;
  learnerB: LearnerData;
  cohortX: { id: string; name: string; programme: string; inviteCode: string };
  cohortY: { id: string; name: string; programme: string };
  pending: { name: string; email: string };
  /**
   * The personal invitation token of Pending Person (issue 10), read from cohort Y's invitations CSV
   * as its manager downloads it; null while that route does not exist or lists no token.
   */
  pendingToken: string | null;
  /** a fresh browser-like client signed in as `key` (a new session), or an anonymous one */
  newClient: (key: ActorKey) => Promise<Client>;
}

/** Route files present in app/routes right now (the matrix and the fuzz are generated from them). */
export function routeFiles(): string[] {
  return fs
    .readdirSync(ROUTES_DIR, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? (fs.existsSync(path.join(ROUTES_DIR, e.name, "route.tsx")) ? [e.name] : []) : [e.name]))
    .filter((n) => !n.startsWith(".") && !/\.test\./.test(n))
    .sort();
}

export function routeSource(file: string): string {
  const p = path.join(ROUTES_DIR, file);
  return fs.statSync(p).isDirectory() ? fs.readFileSync(path.join(p, "route.tsx"), "utf8") : fs.readFileSync(p, "utf8");
}

export function hasAction(file: string): boolean {
  return /export\s+(async\s+)?function\s+action\b|export\s+const\s+action\b/.test(routeSource(file));
}

/**
 * The URL pattern of a flat route file (Remix v2 convention): `.` separates segments, `$x` is a
 * parameter, `[.]` escapes, `_index` is an index route, a leading `_` is a pathless layout.
 */
export function routePattern(file: string): { pattern: string; params: string[] } {
  const stem = file.replace(/\.(tsx|ts|jsx|js)$/, "");
  const segments: string[] = [];
  let cur = "";
  let bracket = false;
  for (const ch of stem) {
    if (ch === "[") bracket = true;
    else if (ch === "]") bracket = false;
    else if (ch === "." && !bracket) {
      segments.push(cur);
      cur = "";
    } else cur += ch;
  }
  segments.push(cur);
  const params: string[] = [];
  const parts = segments
    .filter((s) => s !== "_index" && !(s.startsWith("_") && !s.startsWith("__")))
    .map((s) => s.replace(/_$/, ""))
    .map((s) => {
      const m = /^\$([\w-]*)(.*)$/.exec(s);
      if (!m) return s;
      // `$code[.]pdf`: the parameter `code`, then the literal `.pdf` (React Router's `:code.pdf`).
      const name = m[1] || "*";
      params.push(name);
      return `:${name}${m[2]}`;
    });
  return { pattern: "/" + parts.join("/"), params };
}

/** Fields of a form that answers `q` rightly, as the quiz page would post them. */
function rightAnswer(q: Question): FormLike {
  const fields: Record<string, string | string[]> = {};
  switch (q.type) {
    case "single":
      fields.answer = q.answer;
      break;
    case "multiple":
      fields.answer = [...q.answer];
      break;
    case "truefalse":
      fields.answer = String(q.answer);
      break;
    case "ordering":
      q.answer.forEach((id, i) => (fields[`position.${id}`] = String(i + 1)));
      break;
    case "matching":
      for (const [prompt, option] of Object.entries(q.answer)) fields[`match.${prompt}`] = option;
      break;
    case "text":
      fields.answer = q.answer[0] ?? "";
      break;
  }
  return formOf(fields);
}

function formOf(fields: Record<string, string | string[]>): FormLike {
  return {
    get: (n) => (Array.isArray(fields[n]) ? fields[n]![0] : fields[n]) ?? null,
    getAll: (n) => [fields[n] ?? []].flat(),
  };
}

function course(catalog: Catalog, id: string): Course {
  const c = catalog.byId.get(id);
  if (!c) throw new Error(`course ${id} is not in courses/`);
  return c;
}

/** Completes every lesson and passes every quiz of the course (right answers), which issues its certificate. */
async function completeCourse(db: RunningApp["db"], userId: string, c: Course) {
  const attempts = new Map<string, string>();
  for (const lesson of c.lessons) {
    await recordLessonView(db, userId, c.id, lesson.id);
    await completeLesson(db, userId, c, lesson.id);
  }
  for (const quiz of c.quizzes) {
    const start = await startAttempt(db, userId, c, quiz);
    if (!start.ok) throw new Error(`could not start ${quiz.id}`);
    for (const q of quiz.questions) {
      const r = await answerQuestion(db, userId, c, quiz, start.attemptId, q.id, rightAnswer(q));
      if (!r.ok) throw new Error(`answering ${quiz.id}/${q.id}: ${r.error}`);
    }
    attempts.set(quiz.id, start.attemptId);
  }
  return attempts;
}

/** The drafting form for a learner: every prompt answered with text that names the learner. */
function draftFields(exercise: DraftingExercise, marker: string, complete: boolean): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const p of exercise.prompts) {
    if (p.kind === "text") fields[`p.${p.id}`] = `${marker} ${p.id}: a point of contact list and a hotline between ministries.`;
    else if (complete) p.columns.forEach((_, col) => (fields[`p.${p.id}.0.${col}`] = `${marker} cell ${col}`));
  }
  if (!complete) {
    // One prompt left empty: the draft is saved, never submitted.
    const last = exercise.prompts.filter((p) => p.kind === "text").at(-1);
    if (last) delete fields[`p.${last.id}`];
  }
  return fields;
}

/**
 * Starts the real server on a fresh database and seeds the world into it. `env` is passed to the
 * server (startApp), e.g. to widen the login throttle for the fuzz.
 */
export async function createWorld(env: Record<string, string> = {}): Promise<World> {
  const app = await startApp(env);
  try {
    return await seed(app);
  } catch (e) {
    await app.stop();
    throw e;
  }
}

async function seed(app: RunningApp): Promise<World> {
  const { db } = app;
  const { catalog, problems } = loadCatalogFromDisk(path.join(ROOT, "courses"));
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length) throw new Error(`courses/ has errors: ${errors.map((e) => e.message).join("; ")}`);

  const people = {} as Record<PersonKey, Person>;
  for (const p of PEOPLE) {
    const r = await createUser(db, { name: p.name, email: p.email, password: p.password, locale: "en", role: p.role }, HASH_COST);
    if (!r.ok) throw new Error(`createUser ${p.email}: ${r.reason}`);
    people[p.key] = { ...p, id: r.user.id };
  }
  const A = people.learnerA;
  const B = people.learnerB;

  // The assigned instructor looks after every course; the other one after none.
  for (const c of catalog.courses) {
    const r = await assignInstructor(db, c.id, people.instructorAssigned.email);
    if (!r.ok) throw new Error(`assignInstructor ${c.id}: ${r.reason}`);
  }

  // Cohort X (owner manager): learner A joins it with an invitation code, by consent.
  const xInput = { name: "Cohort Xray Owners 2026", programme: "Programme Xray Capacity", starts_on: "2026-01-01", ends_on: "2026-12-31" };
  const cohortXId = await createCohort(db, people.managerOwner, { ...xInput, courses: [COURSES.essentials, COURSES.cbms, COURSES.csirt] });
  const inviteCode = await createInvite(db, cohortXId, { days: 365, max_uses: 100 });
  const joined = await joinWithInvite(db, A, inviteCode);
  if (!joined.ok || joined.already) throw new Error(`learner A could not join cohort X: ${JSON.stringify(joined)}`);

  // Cohort Y (other manager): nobody but a participant imported by CSV who has no account.
  const pending = { name: "Pending Person", email: "pending.person.q7@invitees.example" };
  const yInput = { name: "Cohort Yankee Others 2026", programme: "Programme Yankee Outreach", starts_on: "2026-02-01", ends_on: "2026-11-30" };
  const cohortYId = await createCohort(db, people.managerOther, { ...yInput, courses: [COURSES.essentials] });
  const csv = parseParticipantsCsv(`name,email,country,organisation type,gender\n${pending.name},${pending.email},GH,csirt,female\n`);
  if (csv.problems.length) throw new Error(`participants CSV: ${JSON.stringify(csv.problems)}`);
  await importParticipants(db, cohortYId, csv.rows);

  // Both learners: enrolled in three courses, essentials completed (quiz attempts, certificate),
  // a drafting draft in cbms (submitted for A, not for B) and a scenario run in the CSIRT course.
  const exercise = course(catalog, DRAFTING.courseId).exercisesById.get(DRAFTING.exerciseId) as DraftingExercise | undefined;
  const scenario = course(catalog, SCENARIO.courseId).exercisesById.get(SCENARIO.exerciseId) as ScenarioExercise | undefined;
  if (exercise?.type !== "drafting" || scenario?.type !== "scenario") throw new Error("the cbms drafting exercise or the CSIRT scenario is missing");

  async function learner(p: Person, marker: string, submit: boolean, choiceIndex: number): Promise<LearnerData> {
    for (const id of Object.values(COURSES)) await enrol(db, p.id, id);
    const ess = course(catalog, COURSES.essentials);
    const attempts = await completeCourse(db, p.id, ess);
    const cert = await issueCertificate(db, p.id, ess);
    if (!cert) throw new Error(`no certificate for ${p.key}`);

    const key = { userId: p.id, courseId: DRAFTING.courseId, exerciseId: DRAFTING.exerciseId };
    const fields = draftFields(exercise!, marker, submit);
    const answers = readDraft(exercise!, formOf(fields));
    if (submit) {
      const r = await submitDraft(db, key, exercise!, answers);
      if (!r.ok) throw new Error(`submitDraft ${p.key}: ${JSON.stringify(r)}`);
    } else {
      const r = await saveDraft(db, key, answers);
      if (!r.ok) throw new Error(`saveDraft ${p.key}: ${r.reason}`);
    }

    const sKey = { userId: p.id, courseId: SCENARIO.courseId, exerciseId: SCENARIO.exerciseId };
    const runId = await startRun(db, sKey, scenario!);
    const first = scenario!.stepsById.get(scenario!.start)!;
    const choice = first.choices[Math.min(choiceIndex, first.choices.length - 1)]!;
    const chosen = await recordChoice(db, sKey, scenario!, choice.id);
    if (!chosen.ok || (await latestRun(db, sKey))?.id !== runId) throw new Error(`scenario run of ${p.key}`);

    return {
      attemptId: attempts.get(QUIZ.quizId)!,
      certificateCode: cert.code,
      certificateId: cert.id,
      scenarioRunId: runId,
      draftAnswers: answers,
      draftMarker: marker,
      draftForm: fields,
    };
  }
  const learnerA = await learner(A, "ZULU-DRAFT-7Q4K", true, 0);
  const learnerB = await learner(B, "YANKEE-DRAFT-3M9P", false, 1);

  const status = (await db.selectFrom("exercise_drafts").select(["user_id", "status"]).execute()).map((r) => `${r.user_id}:${r.status}`).sort();
  if (status.join() !== [`${A.id}:submitted`, `${B.id}:draft`].sort().join()) throw new Error(`unexpected drafts: ${status}`);

  // Everyone but anonymous signs in through the real /login.
  const newClient = async (key: ActorKey) => {
    const c = new Client(app);
    if (key !== "anonymous") await c.login(people[key].email, people[key].password);
    return c;
  };
  const clients = {} as Record<ActorKey, Client>;
  for (const key of ACTORS) clients[key] = await newClient(key);

  // The personal invitation link (issue 10) as cohort Y's manager downloads it for mail merge.
  let pendingToken: string | null = null;
  if (routeFiles().includes("manage.cohorts.$cohortId.invitations[.]csv.tsx")) {
    const res = await clients.managerOther.get(`/manage/cohorts/${cohortYId}/invitations.csv`);
    const text = await res.text();
    pendingToken = /\/invitations\/([^\s",;/?#<>]+)/.exec(text)?.[1] ?? null;
  }

  return {
    app,
    catalog,
    people,
    clients,
    learnerA,
    learnerB,
    cohortX: { id: cohortXId, ...xInput, inviteCode },
    cohortY: { id: cohortYId, ...yInput },
    pending,
    pendingToken,
    newClient,
  };
}

/** Builds a form body that may repeat a field (URLSearchParams keeps every pair in order). */
export function formBody(fields: Record<string, string | string[]> | [string, string][]): string {
  const p = new URLSearchParams();
  const entries = Array.isArray(fields) ? fields : Object.entries(fields).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x] as [string, string]) : [[k, v] as [string, string]]));
  for (const [k, v] of entries) p.append(k, v);
  return p.toString();
}

/** POSTs a urlencoded form (fields may repeat) through a client. */
export function postForm(client: Client, pathname: string, fields: Record<string, string | string[]>) {
  return client.request(pathname, {
    method: "POST",
    body: formBody(fields),
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
  });
}
