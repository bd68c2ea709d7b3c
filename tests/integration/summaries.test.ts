import { describe, expect, it } from "vitest";
import { backfillSummaries } from "../../db/migrations/0018_learner_course_summaries";
import { decodeSummary } from "../../app/learning/summaries.server";
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
  (await db.selectFrom("learner_course_summaries").select(["user_id", "course_id", "modules_done", "quizzes"]).orderBy("user_id").execute()).map((r) => ({
    user: r.user_id,
    course: r.course_id,
    ...decodeSummary(r),
  }));

describe("learner course summaries", () => {
  it("follow every attempt and module completion, in the same write", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    await enrol(db, user.id, course.id);
    expect(await summaries(db)).toEqual([]);
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
    await db.deleteFrom("learner_course_summaries").execute();
    await backfillSummaries(db);
    expect(await summaries(db)).toEqual(written);
  });
});
