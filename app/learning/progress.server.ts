import type { DB } from "@db/index";
import type { Course } from "~/content/types";
import { issueCertificate } from "~/certificates/certificates.server";
import { refreshCourseSummary } from "./summaries.server";
import { courseProgress, type CourseProgress, type LearnerState } from "./progress";

export async function getEnrolment(db: DB, userId: string, courseId: string) {
  return db
    .selectFrom("enrolments")
    .selectAll()
    .where("user_id", "=", userId)
    .where("course_id", "=", courseId)
    .executeTakeFirst();
}

export async function listEnrolments(db: DB, userId: string) {
  return db.selectFrom("enrolments").selectAll().where("user_id", "=", userId).orderBy("last_activity_at", "desc").execute();
}

/** Enrols once; enrolling again is harmless and keeps the original date. */
export async function enrol(db: DB, userId: string, courseId: string, now = Date.now()) {
  await db
    .insertInto("enrolments")
    .values({ user_id: userId, course_id: courseId, enrolled_at: now, last_activity_at: now, last_lesson_id: null, completed_at: null, started_at: null })
    .onConflict((oc) => oc.columns(["user_id", "course_id"]).doNothing())
    .execute();
}

export async function isLessonRead(db: DB, userId: string, courseId: string, lessonId: string): Promise<boolean> {
  const row = await db
    .selectFrom("lesson_progress")
    .select("completed_at")
    .where("user_id", "=", userId)
    .where("course_id", "=", courseId)
    .where("lesson_id", "=", lessonId)
    .executeTakeFirst();
  return !!row?.completed_at;
}

export async function learnerState(db: DB, userId: string, courseId: string): Promise<LearnerState> {
  const [lessons, passed, open, enrolment] = await Promise.all([
    db
      .selectFrom("lesson_progress")
      .select("lesson_id")
      .where("user_id", "=", userId)
      .where("course_id", "=", courseId)
      .where("completed_at", "is not", null)
      .execute(),
    db
      .selectFrom("quiz_attempts")
      .select("quiz_id")
      .distinct()
      .where("user_id", "=", userId)
      .where("course_id", "=", courseId)
      .where("passed", "=", 1)
      .execute(),
    db
      .selectFrom("quiz_attempts")
      .select(["quiz_id", "id"])
      .where("user_id", "=", userId)
      .where("course_id", "=", courseId)
      .where("submitted_at", "is", null)
      .execute(),
    getEnrolment(db, userId, courseId),
  ]);
  return {
    completedLessons: new Set(lessons.map((r) => r.lesson_id)),
    passedQuizzes: new Set(passed.map((r) => r.quiz_id)),
    openAttempts: new Map(open.map((r) => [r.quiz_id, r.id])),
    lastLessonId: enrolment?.last_lesson_id ?? null,
  };
}

export async function getCourseProgress(db: DB, userId: string, course: Course): Promise<CourseProgress> {
  return courseProgress(course, await learnerState(db, userId, course.id));
}

/**
 * Re-reading the same lesson within this long of the last activity writes nothing: a lesson GET costs
 * two reads, not two writes (decision 030). Reports show the last activity as a date.
 */
export const ACTIVITY_STEP_MS = 5 * 60_000;

/** Records that the learner opened a lesson: the first view, and the enrolment's last lesson and activity. */
export async function recordLessonView(db: DB, userId: string, courseId: string, lessonId: string, now = Date.now()) {
  const [seen, enrolment] = await Promise.all([
    db.selectFrom("lesson_progress").select("lesson_id").where("user_id", "=", userId).where("course_id", "=", courseId).where("lesson_id", "=", lessonId).executeTakeFirst(),
    db.selectFrom("enrolments").select(["last_lesson_id", "last_activity_at", "started_at"]).where("user_id", "=", userId).where("course_id", "=", courseId).executeTakeFirst(),
  ]);
  const unchanged = enrolment && enrolment.last_lesson_id === lessonId && enrolment.started_at !== null && now - Number(enrolment.last_activity_at) < ACTIVITY_STEP_MS;
  if (seen && (unchanged || !enrolment)) return;
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("lesson_progress")
      .values({ user_id: userId, course_id: courseId, lesson_id: lessonId, first_viewed_at: now, completed_at: null })
      .onConflict((oc) => oc.columns(["user_id", "course_id", "lesson_id"]).doNothing())
      .execute();
    await trx
      .updateTable("enrolments")
      .set((eb) => ({ last_activity_at: now, last_lesson_id: lessonId, started_at: eb.fn.coalesce("started_at", eb.val(now)) }))
      .where("user_id", "=", userId)
      .where("course_id", "=", courseId)
      .execute();
  });
}

/** Marks the enrolment as started (first activity), once. */
export async function markStarted(db: DB, userId: string, courseId: string, now = Date.now()) {
  await db
    .updateTable("enrolments")
    .set((eb) => ({ last_activity_at: now, started_at: eb.fn.coalesce("started_at", eb.val(now)) }))
    .where("user_id", "=", userId)
    .where("course_id", "=", courseId)
    .execute();
}

/** Marks a lesson read (the first completion time is kept) and settles course completion. */
export async function completeLesson(db: DB, userId: string, course: Course, lessonId: string, now = Date.now()) {
  await db
    .insertInto("lesson_progress")
    .values({ user_id: userId, course_id: course.id, lesson_id: lessonId, first_viewed_at: now, completed_at: now })
    .onConflict((oc) =>
      oc.columns(["user_id", "course_id", "lesson_id"]).doUpdateSet((eb) => ({
        completed_at: eb.fn.coalesce("lesson_progress.completed_at", eb.val(now)),
      })),
    )
    .execute();
  await markStarted(db, userId, course.id, now);
  return settleCompletion(db, userId, course, now);
}

/**
 * Records the moment a course becomes complete, once. A later content change that adds lessons
 * does not erase a completion already earned.
 */
export async function settleCompletion(db: DB, userId: string, course: Course, now = Date.now()) {
  const progress = await getCourseProgress(db, userId, course);
  // Module completions are recorded once, when first reached, for the reports' funnel.
  const done = progress.modules.filter((m) => m.complete).map((m) => ({ user_id: userId, course_id: course.id, module_id: m.id, completed_at: now }));
  if (done.length)
    await db.transaction().execute(async (trx) => {
      const inserted = await trx
        .insertInto("module_progress")
        .values(done)
        .onConflict((oc) => oc.columns(["course_id", "user_id", "module_id"]).doNothing())
        .executeTakeFirst();
      if (Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0) await refreshCourseSummary(trx, userId, course.id);
    });
  if (progress.complete) {
    await db
      .updateTable("enrolments")
      .set({ completed_at: now })
      .where("user_id", "=", userId)
      .where("course_id", "=", course.id)
      .where("completed_at", "is", null)
      .execute();
    await issueCertificate(db, userId, course, now);
  }
  return progress;
}
