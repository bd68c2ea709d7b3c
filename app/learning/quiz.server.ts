import { randomUUID } from "node:crypto";
import type { DB } from "@db/index";
import type { QuizAnswerRow, QuizAttemptRow } from "@db/schema";
import type { Course, Question, Quiz } from "~/content/types";
import { isCorrect, makeLayout, readResponse, score, type AttemptLayout, type FormLike, type Response, type ResponseError } from "./grading";
import { markStarted, settleCompletion } from "./progress.server";
import { refreshCourseSummary } from "./summaries.server";

export interface QuizStatus {
  attempts: QuizAttemptRow[];
  open: QuizAttemptRow | null;
  used: number;
  /** attempts granted beyond the quiz's maxAttempts (app/learning/attempt-grants.server.ts) */
  granted: number;
  /** null when attempts are unlimited */
  remaining: number | null;
  bestPercent: number | null;
  passed: boolean;
}

export async function quizStatus(db: DB, userId: string, courseId: string, quiz: Quiz): Promise<QuizStatus> {
  const attempts = await db
    .selectFrom("quiz_attempts")
    .selectAll()
    .where("user_id", "=", userId)
    .where("course_id", "=", courseId)
    .where("quiz_id", "=", quiz.id)
    .orderBy("attempt_number", "asc")
    .execute();
  const granted = quiz.maxAttempts === 0 ? 0 : await grantedAttempts(db, userId, courseId, quiz.id);
  const submitted = attempts.filter((a) => a.submitted_at !== null);
  const scores = submitted.map((a) => a.score_percent ?? 0);
  return {
    attempts,
    open: attempts.find((a) => a.submitted_at === null) ?? null,
    used: attempts.length,
    granted,
    remaining: quiz.maxAttempts === 0 ? null : Math.max(0, quiz.maxAttempts + granted - attempts.length),
    bestPercent: scores.length ? Math.max(...scores) : null,
    passed: submitted.some((a) => a.passed === 1),
  };
}

/** How many more attempts than the quiz allows this learner was granted. */
export async function grantedAttempts(db: DB, userId: string, courseId: string, quizId: string): Promise<number> {
  const row = await db
    .selectFrom("quiz_attempt_grants")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", userId)
    .where("course_id", "=", courseId)
    .where("quiz_id", "=", quizId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export type StartResult = { ok: true; attemptId: string; resumed: boolean } | { ok: false; reason: "no_attempts_left" };

/**
 * The quizzes of the course this learner can no longer pass: every attempt used, none passed. Until
 * someone grants another attempt the course cannot be completed, and the course page says so.
 */
export async function exhaustedQuizzes(db: DB, userId: string, course: Course): Promise<Quiz[]> {
  const limited = course.quizzes.filter((q) => q.maxAttempts > 0);
  if (!limited.length) return [];
  const rows = await db
    .selectFrom("quiz_attempts")
    .select(["quiz_id", (eb) => eb.fn.countAll<number>().as("used"), (eb) => eb.fn.max("passed").as("passed")])
    .where("user_id", "=", userId)
    .where("course_id", "=", course.id)
    .where("submitted_at", "is not", null)
    .groupBy("quiz_id")
    .execute();
  const grants = await db
    .selectFrom("quiz_attempt_grants")
    .select(["quiz_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("user_id", "=", userId)
    .where("course_id", "=", course.id)
    .groupBy("quiz_id")
    .execute();
  const byQuiz = new Map(rows.map((r) => [r.quiz_id, { used: Number(r.used), passed: Number(r.passed ?? 0) === 1 }]));
  const grantedBy = new Map(grants.map((g) => [g.quiz_id, Number(g.n)]));
  return limited.filter((q) => {
    const s = byQuiz.get(q.id);
    return !!s && !s.passed && s.used >= q.maxAttempts + (grantedBy.get(q.id) ?? 0);
  });
}

/** Resumes the unfinished attempt if there is one; otherwise starts the next, within maxAttempts. */
export async function startAttempt(db: DB, userId: string, course: Course, quiz: Quiz, now = Date.now()): Promise<StartResult> {
  for (let tries = 0; tries < 3; tries++) {
    const status = await quizStatus(db, userId, course.id, quiz);
    if (status.open) return { ok: true, attemptId: status.open.id, resumed: true };
    if (status.remaining === 0) return { ok: false, reason: "no_attempts_left" };
    const id = randomUUID();
    const layout = makeLayout(quiz);
    const result = await db
      .insertInto("quiz_attempts")
      .values({
        id,
        user_id: userId,
        course_id: course.id,
        quiz_id: quiz.id,
        attempt_number: status.used + 1,
        layout: JSON.stringify(layout),
        started_at: now,
        submitted_at: null,
        question_count: layout.questions.length,
        correct_count: null,
        score_percent: null,
        passed: null,
      })
      // A concurrent start took this number: loop and resume that attempt instead.
      .onConflict((oc) => oc.columns(["user_id", "course_id", "quiz_id", "attempt_number"]).doNothing())
      .executeTakeFirst();
    if (Number(result.numInsertedOrUpdatedRows ?? 0) === 1) {
      await markStarted(db, userId, course.id, now);
      return { ok: true, attemptId: id, resumed: false };
    }
  }
  throw new Error("could not start a quiz attempt after three tries");
}

export interface AttemptView {
  attempt: QuizAttemptRow;
  layout: AttemptLayout;
  /** the attempt's questions that still exist in the content, in the attempt's order */
  questions: { question: Question; optionOrder: string[]; promptOrder: string[] }[];
  answers: Map<string, { response: Response; correct: boolean }>;
  /** the first unanswered question, or null when all are answered */
  current: Question | null;
}

/** An attempt of this user in this quiz, or null (another user's attempt is as good as none). */
export async function getAttempt(db: DB, userId: string, quiz: Quiz, attemptId: string): Promise<AttemptView | null> {
  const attempt = await db
    .selectFrom("quiz_attempts")
    .selectAll()
    .where("id", "=", attemptId)
    .where("user_id", "=", userId)
    .where("quiz_id", "=", quiz.id)
    .executeTakeFirst();
  if (!attempt) return null;
  const rows: QuizAnswerRow[] = await db.selectFrom("quiz_answers").selectAll().where("attempt_id", "=", attemptId).execute();
  const layout = JSON.parse(attempt.layout) as AttemptLayout;
  // Questions removed from the content since the attempt started are skipped, not failed.
  const questions = layout.questions.flatMap((l) => {
    const question = quiz.questionsById.get(l.id);
    if (!question) return [];
    // Options or prompts added to the content since keep to the end; removed ones drop out.
    const keep = (order: readonly string[] | undefined, known: string[]) => [...(order ?? []).filter((id) => known.includes(id)), ...known.filter((id) => !(order ?? []).includes(id))];
    const optionOrder = keep(l.options, "options" in question ? question.options.map((o) => o.id) : []);
    const promptOrder = keep(l.prompts, question.type === "matching" ? question.prompts.map((p) => p.id) : []);
    return [{ question, optionOrder, promptOrder }];
  });
  const answers = new Map(rows.map((r) => [r.question_id, { response: JSON.parse(r.response) as Response, correct: r.correct === 1 }]));
  const current = questions.find((q) => !answers.has(q.question.id))?.question ?? null;
  return { attempt, layout, questions, answers, current };
}

export type AnswerResult =
  | { ok: true; correct: boolean; finished: boolean }
  | { ok: false; error: ResponseError | "quiz.error.alreadyAnswered" | "quiz.error.attemptClosed" | "quiz.error.notInAttempt" };

/**
 * Saves one answer of an open attempt. The answer is validated against the question before anything is
 * written; once the last question is answered the attempt is scored and closed in the same transaction.
 */
export async function answerQuestion(
  db: DB,
  userId: string,
  course: Course,
  quiz: Quiz,
  attemptId: string,
  questionId: string,
  form: FormLike,
  now = Date.now(),
): Promise<AnswerResult> {
  const view = await getAttempt(db, userId, quiz, attemptId);
  if (!view) return { ok: false, error: "quiz.error.notInAttempt" };
  if (view.attempt.submitted_at !== null) return { ok: false, error: "quiz.error.attemptClosed" };
  const entry = view.questions.find((q) => q.question.id === questionId);
  if (!entry) return { ok: false, error: "quiz.error.notInAttempt" };
  if (view.answers.has(questionId)) return { ok: false, error: "quiz.error.alreadyAnswered" };
  const read = readResponse(entry.question, form);
  if (!read.ok) return read;
  const correct = isCorrect(entry.question, read.response);

  const finished = await db.transaction().execute(async (trx) => {
    const inserted = await trx
      .insertInto("quiz_answers")
      .values({ attempt_id: attemptId, question_id: questionId, response: JSON.stringify(read.response), correct: correct ? 1 : 0, answered_at: now })
      .onConflict((oc) => oc.columns(["attempt_id", "question_id"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return null;
    const answered = await trx
      .selectFrom("quiz_answers")
      .select(["question_id", "correct"])
      .where("attempt_id", "=", attemptId)
      .execute();
    const inAttempt = new Set(view.questions.map((q) => q.question.id));
    const counted = answered.filter((a) => inAttempt.has(a.question_id));
    if (counted.length < inAttempt.size) return false;
    const s = score(counted.filter((a) => a.correct === 1).length, inAttempt.size, quiz.passMark);
    await trx
      .updateTable("quiz_attempts")
      .set({ submitted_at: now, question_count: s.total, correct_count: s.correct, score_percent: s.percent, passed: s.passed ? 1 : 0 })
      .where("id", "=", attemptId)
      .where("submitted_at", "is", null)
      .execute();
    await trx.updateTable("enrolments").set({ last_activity_at: now }).where("user_id", "=", userId).where("course_id", "=", course.id).execute();
    await refreshCourseSummary(trx, userId, course.id);
    return true;
  });
  if (finished === null) return { ok: false, error: "quiz.error.alreadyAnswered" };
  if (finished) await settleCompletion(db, userId, course, now);
  return { ok: true, correct, finished };
}
