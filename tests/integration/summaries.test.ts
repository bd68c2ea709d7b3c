import { Migrator, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { engineOf, migrateToLatest, openTarget } from "../../db/index";
import { migrations } from "../../db/migrations/index";
import { databaseTarget } from "../../app/config.server";
import { freshDatabaseUrl } from "../helpers/engine";
import { backfillSummaries } from "../../db/migrations/0019_summaries_on_enrolments";
import { decodeQuizzes } from "../../app/learning/summaries.server";
import { completeLesson, enrol } from "../../app/learning/progress.server";
import { answerQuestion, startAttempt } from "../../app/learning/quiz.server";
import { formOf, MINI_RIGHT } from "../helpers/answers";
import { loadFixtureCourse } from "../helpers/catalog";
import { freshDb, makeUser } from "../helpers/db";

const course = loadFixtureCourse();
const quiz = course.quizzes[0]!;
const WRONG: typeof MINI_RIGHT = { ...MINI_RIGHT, "q-single": { answer: "b" }, "q-tf": { answer: "true" }, "q-text": { answer: "A/68/98" } };

async function takeQuiz(db: Awaited<ReturnType<typeof freshDb>>["db"], userId: string, answers: typeof MINI_RIGHT) {
  const start = await startAttempt(db, userId, course, quiz);
  if (!start.ok) throw new Error(start.reason);
  for (const q of quiz.questions) expect((await answerQuestion(db, userId, course, quiz, start.attemptId, q.id, formOf(answers[q.id]!))).ok).toBe(true);
}

const summaries = async (db: Awaited<ReturnType<typeof freshDb>>["db"]) =>
  (await db.selectFrom("enrolments").select(["user_id", "course_id", "modules_done", "quizzes"]).orderBy("user_id").execute()).map((r) => ({
    user: r.user_id,
    course: r.course_id,
    modulesCompleted: new Set(JSON.parse(r.modules_done) as string[]),
    quizzes: decodeQuizzes(r.quizzes),
  }));

describe("learner course summaries", () => {
  it("follow every attempt and module completion, in the same write", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    await enrol(db, user.id, course.id);
    expect(await summaries(db)).toEqual([{ user: user.id, course: course.id, modulesCompleted: new Set(), quizzes: new Map() }]);
    await takeQuiz(db, user.id, WRONG);
    let [s] = await summaries(db);
    expect(s!.quizzes).toEqual(new Map([[quiz.id, { best: 50, attempts: 1 }]]));
    expect(s!.modulesCompleted).toEqual(new Set());

    await completeLesson(db, user.id, course, "l-one");
    await completeLesson(db, user.id, course, "l-two");
    await takeQuiz(db, user.id, MINI_RIGHT);
    [s] = await summaries(db);
    expect(s!.quizzes).toEqual(new Map([[quiz.id, { best: 100, attempts: 2 }]]));
    const modules = await db.selectFrom("module_progress").select("module_id").where("user_id", "=", user.id).execute();
    expect(modules.length).toBeGreaterThan(0);
    expect(s!.modulesCompleted).toEqual(new Set(modules.map((m) => m.module_id)));
  });

  it("are rebuilt from the progress rows by the migration's backfill, the same as at write time", async () => {
    const { db } = await freshDb();
    for (const [i, answers] of [WRONG, MINI_RIGHT].entries()) {
      const user = await makeUser(db, `learner${i}@example.org`);
      await enrol(db, user.id, course.id);
      await completeLesson(db, user.id, course, "l-one");
      await takeQuiz(db, user.id, answers);
    }
    const written = await summaries(db);
    expect(written).toHaveLength(2);
    await db.updateTable("enrolments").set({ modules_done: "[]", quizzes: "{}" }).execute();
    await backfillSummaries(db);
    expect(await summaries(db)).toEqual(written);
  });

  it("move onto the enrolments with migration 0019, summarised again from the progress of an existing database", async () => {
    const { db, close } = openTarget(databaseTarget(await freshDatabaseUrl()), { poolSize: 2 });
    const schema = engineOf(db) === "postgres" ? (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]!.s : undefined;
    const migrated = await new Migrator({ db, migrationTableSchema: schema, provider: { getMigrations: async () => migrations } }).migrateTo("0018_learner_course_summaries");
    expect(migrated.error).toBeUndefined();
    const [a, b, idle] = [await makeUser(db, "a@example.org"), await makeUser(db, "b@example.org"), await makeUser(db, "c@example.org")];
    const now = Date.now();
    for (const u of [a, b, idle])
      await db.insertInto("enrolments").values({ user_id: u.id, course_id: course.id, enrolled_at: now, last_activity_at: now, last_lesson_id: null, completed_at: null, started_at: now } as never).execute();
    await db.insertInto("module_progress").values([{ user_id: a.id, course_id: course.id, module_id: "m-two", completed_at: now }, { user_id: a.id, course_id: course.id, module_id: "m-one", completed_at: now }]).execute();
    const attempt = (id: string, user: string, quizId: string, n: number, percent: number | null) => ({
      id, user_id: user, course_id: course.id, quiz_id: quizId, attempt_number: n, layout: "{}", started_at: now,
      submitted_at: percent === null ? null : now, question_count: 4, correct_count: percent === null ? null : percent / 25, score_percent: percent, passed: percent !== null && percent >= 75 ? 1 : 0,
    });
    await db.insertInto("quiz_attempts").values([attempt("q1", a.id, "quiz-b", 1, 50), attempt("q2", a.id, "quiz-b", 2, 75), attempt("q3", a.id, "quiz-a", 1, 100), attempt("q4", b.id, "quiz-a", 1, 25), attempt("q5", b.id, "quiz-a", 2, null)] as never).execute();
    await migrateToLatest(db);
    const rows = await db.selectFrom("enrolments").select(["user_id", "modules_done", "quizzes"]).orderBy("user_id").execute();
    const expected = new Map([
      [a.id, { modules_done: '["m-one","m-two"]', quizzes: '{"quiz-a":[100,1],"quiz-b":[75,2]}' }],
      [b.id, { modules_done: "[]", quizzes: '{"quiz-a":[25,1]}' }],
      [idle.id, { modules_done: "[]", quizzes: "{}" }],
    ]);
    expect(rows).toEqual(rows.map((r) => ({ user_id: r.user_id, ...expected.get(r.user_id) })));
    expect(rows).toHaveLength(3);
    await close();
  });
});
