// Fills a database with realistic synthetic learners for benchmarks and load tests:
//   npm run db:synthetic -- --learners 10000 [--cohort-size 10000] [--course csirt-cooperation] [--db data/synthetic.sqlite]
// --db is a SQLite file (replaced) or a postgres:// URL of an empty database (createdb it first).
// Creates a manager, cohorts of the same programme, participants with profiles (some without accounts),
// enrolments, lesson and module progress and quiz attempts with a spread of scores. Prints progress.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { hashPassword } from "../app/auth/password.server";
import { loadCatalogFromDisk } from "../app/content/loader.server";
import { sql } from "kysely";
import { migrateToLatest, openTarget, type DB } from "../db/index";
import { databaseLabel, databaseTarget } from "../app/config.server";
import { backfillSummaries } from "../db/migrations/0019_summaries_on_enrolments";

const { values } = parseArgs({
  options: {
    learners: { type: "string", default: "10000" },
    "cohort-size": { type: "string", default: "10000" },
    course: { type: "string", default: "csirt-cooperation" },
    db: { type: "string", default: "data/synthetic.sqlite" },
    seed: { type: "string", default: "42" },
  },
});
const learners = Number(values.learners);
const cohortSize = Number(values["cohort-size"]);
if (!Number.isInteger(learners) || learners < 1 || !Number.isInteger(cohortSize) || cohortSize < 1) {
  console.error("--learners and --cohort-size must be positive whole numbers");
  process.exit(2);
}
const { catalog } = loadCatalogFromDisk("courses");
const course = catalog.byId.get(values.course!);
if (!course) {
  console.error(`No course '${values.course}' in courses/ (have: ${catalog.courses.map((c) => c.id).join(", ")})`);
  process.exit(2);
}

// A small deterministic generator, so two runs with the same seed give the same database.
let state = Number(values.seed) >>> 0 || 1;
const rand = () => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
const pickOne = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

const target = databaseTarget(values.db!);
if (target.engine === "sqlite") for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(target.path + suffix, { force: true });
const database = openTarget(target);
const { db } = database;
await migrateToLatest(db);
if (target.engine === "postgres" && (await db.selectFrom("users").select("id").limit(1).executeTakeFirst())) {
  console.error(`${databaseLabel(target)} already has users: db:synthetic fills an empty database (createdb a new one).`);
  await database.close();
  process.exit(2);
}
const started = performance.now();
const hash = await hashPassword("synthetic-password", 10); // one hash for all: hashing 100k would take hours
const now = Date.now();
const DAY = 86_400_000;
const managerId = randomUUID();
await db.insertInto("users").values({ id: managerId, email: "manager@synthetic.test", name: "Synthetic Manager", password_hash: hash, role: "manager", locale: "en", created_at: now }).execute();

const COUNTRIES = ["SN", "GH", "KE", "NG", "CI", "TZ", "UG", "RW", "ET", "ZA", "BJ", "CM", "MA", "TN", "FJ", "PG", "WS", "TO", "VU", "JM", "BB", "TT", "DO", "GT", "HN", "PY", "BO", "LK", "NP", "BD", "KH", "LA", "MN", "KG", "TJ"];
const ORG = ["mfa", "mfa", "csirt", "regulator", "other_ministry", "other", null] as const;
const GENDER = ["female", "male", "female", "male", "prefer_not_to_say", null] as const;

// Rows are made a chunk at a time and written in one transaction per chunk: prepared statements on
// SQLite, multi-row INSERTs on Postgres (a round trip per 1,000 rows, not per row).
const TABLES = ["users", "cohorts", "cohort_courses", "cohort_managers", "cohort_participants", "enrolments", "lesson_progress", "module_progress", "quiz_attempts"] as const;
type Table = (typeof TABLES)[number];
const COLUMNS: Record<Table, string[]> = {
  users: ["id", "email", "name", "password_hash", "role", "locale", "created_at", "country", "organisation", "org_type", "gender"],
  cohorts: ["id", "name", "programme", "starts_on", "ends_on", "created_by", "created_at"],
  cohort_courses: ["cohort_id", "course_id"],
  cohort_managers: ["cohort_id", "user_id"],
  cohort_participants: ["cohort_id", "email", "name", "country", "organisation", "org_type", "gender", "user_id", "source", "added_at"],
  enrolments: ["user_id", "course_id", "enrolled_at", "last_activity_at", "last_lesson_id", "completed_at", "started_at"],
  lesson_progress: ["user_id", "course_id", "lesson_id", "first_viewed_at", "completed_at"],
  module_progress: ["user_id", "course_id", "module_id", "completed_at"],
  quiz_attempts: ["id", "user_id", "course_id", "quiz_id", "attempt_number", "layout", "started_at", "submitted_at", "question_count", "correct_count", "score_percent", "passed"],
};
type Value = string | number | null;
const buffers = Object.fromEntries(TABLES.map((t) => [t, [] as Value[][]])) as Record<Table, Value[][]>;
const row = (table: Table) => ({ run: (...values: Value[]) => void buffers[table].push(values) });

async function flush() {
  if (database.engine === "sqlite") {
    const sqlite = database.sqlite;
    const statements = TABLES.map((t) => [t, sqlite.prepare(`insert into ${t} (${COLUMNS[t].join(",")}) values (${COLUMNS[t].map(() => "?").join(",")})`)] as const);
    sqlite.transaction(() => {
      for (const [t, st] of statements) for (const values of buffers[t]) st.run(...values);
    })();
  } else {
    await db.transaction().execute(async (trx) => {
      for (const t of TABLES)
        for (let i = 0; i < buffers[t].length; i += 1000) {
          const rows = buffers[t].slice(i, i + 1000).map((values) => Object.fromEntries(COLUMNS[t].map((c, j) => [c, values[j]])));
          await (trx as unknown as DB).insertInto(t as "users").values(rows as never).execute();
        }
    });
  }
  for (const t of TABLES) buffers[t] = [];
}

const insUser = row("users");
const insCohort = row("cohorts");
const insCohortCourse = row("cohort_courses");
const insManager = row("cohort_managers");
const insPart = row("cohort_participants");
const insEnrol = row("enrolments");
const insLesson = row("lesson_progress");
const insModule = row("module_progress");
const insAttempt = row("quiz_attempts");

const quizByModule = new Map(course.modules.map((m) => [m.id, m.quiz]));
let cohortId = "";
const write = (from: number, to: number) => {
  for (let i = from; i < to; i++) {
    if (i % cohortSize === 0) {
      cohortId = randomUUID();
      insCohort.run(cohortId, `Cohort ${i / cohortSize + 1}`, "Synthetic programme", "2026-01-01", "2026-12-31", managerId, now);
      insCohortCourse.run(cohortId, course.id);
      insManager.run(cohortId, managerId);
    }
    const email = `learner${i}@synthetic.test`;
    const country = pickOne(COUNTRIES);
    const org = pickOne(ORG);
    const gender = pickOne(GENDER);
    const registered = rand() < 0.93; // some listed participants never create an account
    const userId = registered ? randomUUID() : null;
    if (userId) insUser.run(userId, email, `Learner ${i}`, hash, "learner", pickOne(["en", "fr", "es"]), now, country, "Ministry", org, gender);
    insPart.run(cohortId, email, `Learner ${i}`, country, "Ministry", org, gender, userId, "csv", now);
    if (!userId) continue;
    const enrolledAt = now - Math.floor(rand() * 180) * DAY;
    const engagement = rand(); // 0: never starts … 1: completes everything
    const started = engagement > 0.15;
    let t = enrolledAt + Math.floor(rand() * 5) * DAY;
    let completedModules = 0;
    let lastLesson: string | null = null;
    for (const m of course.modules) {
      if (!started || rand() > engagement + 0.1) break;
      for (const l of m.lessons) {
        t += Math.floor(rand() * 2 * DAY);
        insLesson.run(userId, course.id, l.id, t, t);
        lastLesson = l.id;
      }
      const quiz = quizByModule.get(m.id);
      let passed = !quiz;
      if (quiz) {
        const attempts = 1 + Math.floor(rand() * 3);
        for (let a = 1; a <= attempts && !passed; a++) {
          const correct = Math.min(quiz.questions.length, Math.floor(quiz.questions.length * (0.4 + rand() * 0.6)));
          const percent = (correct / quiz.questions.length) * 100;
          passed = correct * 100 >= quiz.passMark * quiz.questions.length;
          insAttempt.run(randomUUID(), userId, course.id, quiz.id, a, "{}", t, t + 600_000, quiz.questions.length, correct, percent, passed ? 1 : 0);
        }
      }
      if (!passed) break;
      insModule.run(userId, course.id, m.id, t);
      completedModules++;
    }
    const complete = completedModules === course.modules.length;
    insEnrol.run(userId, course.id, enrolledAt, started ? t : enrolledAt, lastLesson, complete ? t : null, started ? enrolledAt + DAY : null);
  }
};

const CHUNK = 5000;
for (let i = 0; i < learners; i += CHUNK) {
  write(i, Math.min(learners, i + CHUNK));
  await flush();
  process.stdout.write(`\r${Math.min(learners, i + CHUNK)} / ${learners} learners`);
}
if (database.engine === "sqlite") database.sqlite.pragma("optimize");
else await sql`analyze`.execute(db);
// The reports read per-learner summaries (migration 0019); the rows above bypassed the code that keeps them.
await backfillSummaries(db);
const counts: string[] = [];
for (const t of ["users", "cohort_participants", "enrolments", "lesson_progress", "module_progress", "quiz_attempts"] as const)
  counts.push(`${t} ${Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n)}`);
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts.join(", ")} (${databaseLabel(target)})`);
await database.close();
