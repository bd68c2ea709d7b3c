import { describe, expect, it } from "vitest";
import { answerQuestion, exhaustedQuizzes, getAttempt, quizStatus, startAttempt } from "../../app/learning/quiz.server";
import { ACTIVITY_STEP_MS, completeLesson, enrol, getCourseProgress, getEnrolment, recordLessonView } from "../../app/learning/progress.server";
import { formOf, MINI_RIGHT } from "../helpers/answers";
import { loadFixtureCourse } from "../helpers/catalog";
import { freshDb, makeUser } from "../helpers/db";

const course = loadFixtureCourse();
const quiz = course.quizzes[0]!;

const RIGHT = MINI_RIGHT;
const WRONG: typeof RIGHT = { ...RIGHT, "q-single": { answer: "b" }, "q-tf": { answer: "true" }, "q-text": { answer: "A/68/98" } };

async function setup() {
  const { db } = await freshDb();
  const user = await makeUser(db);
  await enrol(db, user.id, course.id);
  return { db, user };
}

async function takeQuiz(db: Awaited<ReturnType<typeof setup>>["db"], userId: string, answers: typeof RIGHT) {
  const start = await startAttempt(db, userId, course, quiz);
  if (!start.ok) throw new Error(start.reason);
  let last;
  for (const q of quiz.questions) {
    last = await answerQuestion(db, userId, course, quiz, start.attemptId, q.id, formOf(answers[q.id]!));
    expect(last.ok).toBe(true);
  }
  return { attemptId: start.attemptId, last };
}

describe("enrolment and lessons", () => {
  it("enrols once and records reading", async () => {
    const { db, user } = await setup();
    await enrol(db, user.id, course.id);
    const e = await getEnrolment(db, user.id, course.id);
    expect(e?.completed_at).toBeNull();
    await recordLessonView(db, user.id, course.id, "l-two");
    expect((await getEnrolment(db, user.id, course.id))?.last_lesson_id).toBe("l-two");
    await completeLesson(db, user.id, course, "l-one");
    await completeLesson(db, user.id, course, "l-one");
    const p = await getCourseProgress(db, user.id, course);
    expect(p.lessonsDone).toBe(1);
    expect(p.next).toMatchObject({ kind: "lesson", lessonId: "l-two" });
  });

  it("writes a lesson view only when something changes", async () => {
    const { db, user } = await setup();
    const t0 = 1_800_000_000_000;
    const lastActivity = async () => Number((await getEnrolment(db, user.id, course.id))?.last_activity_at);
    await recordLessonView(db, user.id, course.id, "l-one", t0);
    expect(await lastActivity()).toBe(t0);
    // The same lesson again, soon: nothing is written.
    await recordLessonView(db, user.id, course.id, "l-one", t0 + ACTIVITY_STEP_MS - 1);
    expect(await lastActivity()).toBe(t0);
    // Another lesson is recorded at once, and so is the same one once the step has passed.
    await recordLessonView(db, user.id, course.id, "l-two", t0 + 1000);
    expect((await getEnrolment(db, user.id, course.id))?.last_lesson_id).toBe("l-two");
    expect(await lastActivity()).toBe(t0 + 1000);
    await recordLessonView(db, user.id, course.id, "l-two", t0 + 1000 + ACTIVITY_STEP_MS);
    expect(await lastActivity()).toBe(t0 + 1000 + ACTIVITY_STEP_MS);
    const views = await db.selectFrom("lesson_progress").select(["lesson_id", "first_viewed_at"]).where("user_id", "=", user.id).orderBy("lesson_id").execute();
    expect(views).toEqual([{ lesson_id: "l-one", first_viewed_at: t0 }, { lesson_id: "l-two", first_viewed_at: t0 + 1000 }]);
  });
});

describe("quiz attempts", () => {
  it("fails, retakes, passes, and completes the course exactly once", async () => {
    const { db, user } = await setup();
    await completeLesson(db, user.id, course, "l-one");
    await completeLesson(db, user.id, course, "l-two");

    const first = await takeQuiz(db, user.id, WRONG);
    expect(first.last).toEqual({ ok: true, correct: false, finished: true });
    let status = await quizStatus(db, user.id, course.id, quiz);
    expect(status).toMatchObject({ used: 1, remaining: 1, passed: false, bestPercent: 50 });
    expect((await getEnrolment(db, user.id, course.id))?.completed_at).toBeNull();

    await takeQuiz(db, user.id, RIGHT);
    status = await quizStatus(db, user.id, course.id, quiz);
    expect(status).toMatchObject({ used: 2, remaining: 0, passed: true, bestPercent: 100 });
    const completedAt = (await getEnrolment(db, user.id, course.id))?.completed_at;
    expect(completedAt).toBeTypeOf("number");
    expect((await getCourseProgress(db, user.id, course)).complete).toBe(true);

    expect(await startAttempt(db, user.id, course, quiz)).toEqual({ ok: false, reason: "no_attempts_left" });
    // Completing a lesson again later does not move the completion date.
    await completeLesson(db, user.id, course, "l-one", Date.now() + 60_000);
    expect((await getEnrolment(db, user.id, course.id))?.completed_at).toBe(completedAt);
  });

  it("names the quiz a learner can no longer pass once every attempt failed, and only then", async () => {
    const { db, user } = await setup();
    await takeQuiz(db, user.id, WRONG);
    expect(await exhaustedQuizzes(db, user.id, course)).toEqual([]);
    await takeQuiz(db, user.id, WRONG);
    expect((await exhaustedQuizzes(db, user.id, course)).map((q) => q.id)).toEqual([quiz.id]);
    const other = await makeUser(db, "passes@example.org");
    await enrol(db, other.id, course.id);
    await takeQuiz(db, other.id, WRONG);
    await takeQuiz(db, other.id, RIGHT);
    expect(await exhaustedQuizzes(db, other.id, course)).toEqual([]);
  });

  it("resumes an interrupted attempt where it stopped, in the same order", async () => {
    const { db, user } = await setup();
    const start = await startAttempt(db, user.id, course, quiz);
    if (!start.ok) throw new Error();
    await answerQuestion(db, user.id, course, quiz, start.attemptId, "q-single", formOf(RIGHT["q-single"]!));
    const before = await getAttempt(db, user.id, quiz, start.attemptId);
    const again = await startAttempt(db, user.id, course, quiz);
    expect(again).toEqual({ ok: true, attemptId: start.attemptId, resumed: true });
    const after = await getAttempt(db, user.id, quiz, start.attemptId);
    expect(after!.current!.id).toBe("q-multiple");
    expect(after!.questions.map((q) => q.optionOrder)).toEqual(before!.questions.map((q) => q.optionOrder));
  });

  it("shows two learners the same questions with their options in different orders, each kept on resume", async () => {
    const { db } = await setup();
    const orders = new Set<string>();
    const questionSets = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const learner = await makeUser(db, `shuffle-${i}@example.org`);
      await enrol(db, learner.id, course.id);
      const start = await startAttempt(db, learner.id, course, quiz);
      if (!start.ok) throw new Error();
      const view = (await getAttempt(db, learner.id, quiz, start.attemptId))!;
      questionSets.add(view.questions.map((q) => q.question.id).join());
      orders.add(view.questions.map((q) => q.optionOrder.join("")).join("|"));
      const again = (await getAttempt(db, learner.id, quiz, start.attemptId))!;
      expect(again.questions.map((q) => [q.optionOrder, q.promptOrder])).toEqual(view.questions.map((q) => [q.optionOrder, q.promptOrder]));
    }
    expect([...questionSets]).toEqual([quiz.questions.map((q) => q.id).join()]);
    expect(orders.size).toBeGreaterThan(1);
  });

  it("grades a shuffled attempt by option ids, not positions", async () => {
    const { db, user } = await setup();
    const result = await takeQuiz(db, user.id, RIGHT);
    expect(result.last).toMatchObject({ ok: true, finished: true });
    const status = await quizStatus(db, user.id, course.id, quiz);
    expect(status.bestPercent).toBe(100);
  });

  it("rejects a tampered or repeated answer without saving anything", async () => {
    const { db, user } = await setup();
    const start = await startAttempt(db, user.id, course, quiz);
    if (!start.ok) throw new Error();
    expect(await answerQuestion(db, user.id, course, quiz, start.attemptId, "q-single", formOf({ answer: "evil" }))).toEqual({
      ok: false,
      error: "quiz.error.unknownOption",
    });
    expect(await answerQuestion(db, user.id, course, quiz, start.attemptId, "q-unknown", formOf({ answer: "a" }))).toEqual({
      ok: false,
      error: "quiz.error.notInAttempt",
    });
    expect(await db.selectFrom("quiz_answers").selectAll().execute()).toEqual([]);
    await answerQuestion(db, user.id, course, quiz, start.attemptId, "q-single", formOf({ answer: "b" }));
    expect(await answerQuestion(db, user.id, course, quiz, start.attemptId, "q-single", formOf({ answer: "a" }))).toEqual({
      ok: false,
      error: "quiz.error.alreadyAnswered",
    });
    const saved = await db.selectFrom("quiz_answers").selectAll().execute();
    expect(saved.map((a) => [a.question_id, a.correct])).toEqual([["q-single", 0]]);
  });

  it("never shows one learner's attempt to another", async () => {
    const { db, user } = await setup();
    const other = await makeUser(db, "other@example.org");
    const start = await startAttempt(db, user.id, course, quiz);
    if (!start.ok) throw new Error();
    expect(await getAttempt(db, other.id, quiz, start.attemptId)).toBeNull();
    expect((await answerQuestion(db, other.id, course, quiz, start.attemptId, "q-single", formOf({ answer: "a" }))).ok).toBe(false);
  });

  it("starts only one attempt when two starts race", async () => {
    const { db, user } = await setup();
    const [a, b] = await Promise.all([startAttempt(db, user.id, course, quiz), startAttempt(db, user.id, course, quiz)]);
    expect(a.ok && b.ok && a.attemptId === b.attemptId).toBe(true);
    expect((await quizStatus(db, user.id, course.id, quiz)).used).toBe(1);
  });
});
