// Fills a database with realistic synthetic learners for benchmarks and load tests:
//   npm run db:synthetic -- --learners 10000 [--cohort-size 10000] [--course csirt-cooperation] [--db data/synthetic.sqlite]
// Creates a manager, cohorts of the same programme, participants with profiles (some without accounts),
// enrolments, lesson and module progress and quiz attempts with a spread of scores. Prints progress.
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import { parseArgs } from "node:util";
import { hashPassword } from "../app/auth/password.server";
import { loadCatalogFromDisk } from "../app/content/loader.server";
import { migrateToLatest, openDatabase } from "../db/index";
import { backfillSummaries } from "../db/migrations/0018_learner_course_summaries";

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

for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(values.db! + suffix, { force: true });
const { db, sqlite } = openDatabase(values.db!);
await migrateToLatest(db);
const started = performance.now();
const hash = await hashPassword("synthetic-password", 10); // one hash for all: hashing 100k would take hours
const now = Date.now();
const DAY = 86_400_000;
const managerId = randomUUID();
sqlite.prepare("insert into users (id,email,name,password_hash,role,locale,created_at) values (?,?,?,?,?,?,?)").run(managerId, "manager@synthetic.test", "Synthetic Manager", hash, "manager", "en", now);

const COUNTRIES = ["SN", "GH", "KE", "NG", "CI", "TZ", "UG", "RW", "ET", "ZA", "BJ", "CM", "MA", "TN", "FJ", "PG", "WS", "TO", "VU", "JM", "BB", "TT", "DO", "GT", "HN", "PY", "BO", "LK", "NP", "BD", "KH", "LA", "MN", "KG", "TJ"];
const ORG = ["mfa", "mfa", "csirt", "regulator", "other_ministry", "other", null] as const;
const GENDER = ["female", "male", "female", "male", "prefer_not_to_say", null] as const;

const insUser = sqlite.prepare("insert into users (id,email,name,password_hash,role,locale,created_at,country,organisation,org_type,gender) values (?,?,?,?,?,?,?,?,?,?,?)");
const insCohort = sqlite.prepare("insert into cohorts (id,name,programme,starts_on,ends_on,created_by,created_at) values (?,?,?,?,?,?,?)");
const insCohortCourse = sqlite.prepare("insert into cohort_courses (cohort_id,course_id) values (?,?)");
const insManager = sqlite.prepare("insert into cohort_managers (cohort_id,user_id) values (?,?)");
const insPart = sqlite.prepare("insert into cohort_participants (cohort_id,email,name,country,organisation,org_type,gender,user_id,source,added_at) values (?,?,?,?,?,?,?,?,?,?)");
const insEnrol = sqlite.prepare("insert into enrolments (user_id,course_id,enrolled_at,last_activity_at,last_lesson_id,completed_at,started_at) values (?,?,?,?,?,?,?)");
const insLesson = sqlite.prepare("insert into lesson_progress (user_id,course_id,lesson_id,first_viewed_at,completed_at) values (?,?,?,?,?)");
const insModule = sqlite.prepare("insert into module_progress (user_id,course_id,module_id,completed_at) values (?,?,?,?)");
const insAttempt = sqlite.prepare("insert into quiz_attempts (id,user_id,course_id,quiz_id,attempt_number,layout,started_at,submitted_at,question_count,correct_count,score_percent,passed) values (?,?,?,?,?,?,?,?,?,?,?,?)");

const quizByModule = new Map(course.modules.map((m) => [m.id, m.quiz]));
let cohortId = "";
const write = sqlite.transaction((from: number, to: number) => {
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
});

const CHUNK = 5000;
for (let i = 0; i < learners; i += CHUNK) {
  write(i, Math.min(learners, i + CHUNK));
  process.stdout.write(`\r${Math.min(learners, i + CHUNK)} / ${learners} learners`);
}
sqlite.pragma("optimize");
// The reports read per-learner summaries (migration 0018); the rows above bypassed the code that keeps them.
await backfillSummaries(db);
const counts = ["users", "cohort_participants", "enrolments", "lesson_progress", "module_progress", "quiz_attempts"].map(
  (t) => `${t} ${(sqlite.prepare(`select count(*) n from ${t}`).get() as { n: number }).n}`,
);
console.log(`\nDone in ${((performance.now() - started) / 1000).toFixed(1)} s: ${counts.join(", ")} (${values.db})`);
sqlite.close();
