import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { DB } from "@db/index";
import type { Role } from "@db/schema";
import { recordAudit } from "~/admin/audit.server";
import { scopeOf } from "~/auth/permissions";
import { acceptedPlacesWithCourse } from "~/cohorts/places.server";
import { pick } from "~/content/localize";
import type { Catalog, Course } from "~/content/types";
import type { T } from "~/i18n";
import { msg } from "~/lib/submission.server";
import { inScope, staffCourseIds } from "~/teaching/staff.server";
import { quizStatus } from "./quiz.server";
import { quizTitle } from "./titles";

export const GRANT_REASON_MAX = 500;

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,99}$/, msg("form.error.invalid"));
/** What a grant says: the quiz and why (the learner is named by the page that sends it). */
export const GrantFields = {
  course: id,
  quiz: id,
  reason: z.string().trim().min(1, msg("grant.error.reason")).max(GRANT_REASON_MAX, msg("grant.error.reason")),
};
/** The course staff's form: the learner by account, the course from the page's URL. */
export const CourseGrantForm = z.object({ user: z.uuid(msg("form.error.invalid")), quiz: GrantFields.quiz, reason: GrantFields.reason });

export type GrantInput = { userId: string; courseId: string; quizId: string; reason: string };
export type GrantResult = { ok: true; attemptNumber: number } | { ok: false; reason: "not_found" | "not_needed" };

/**
 * Whether `actor` may grant `userId` another attempt in `courseId`: an admin always; otherwise an
 * instructor assigned to the course, or a manager of a cohort with that course in which the learner
 * accepted a place (a pending place is nobody's yet, decision 014).
 */
async function mayGrant(db: DB, actor: { id: string; role: Role }, userId: string, courseId: string): Promise<boolean> {
  const scope = scopeOf(actor.role, "attempts.grant");
  if (scope === "any") return true;
  if (!scope) return false;
  if (inScope(await staffCourseIds(db, actor), courseId)) return true;
  const place = await acceptedPlacesWithCourse(db, userId, courseId)
    .innerJoin("cohort_managers as m", "m.cohort_id", "p.cohort_id")
    .select("p.cohort_id")
    .where("m.user_id", "=", actor.id)
    .executeTakeFirst();
  return !!place;
}

/**
 * One more attempt at a quiz for a learner who has used every attempt it allows, with a reason, and
 * its audit entry, in one transaction. The grant names the attempt it opens (their attempts so far +
 * 1, unique per learner and quiz): a second grant before the learner uses it is "not needed", and
 * two sent at once open one attempt, not two. What the actor may not act on answers "not_found".
 */
export async function grantAttempt(db: DB, catalog: Catalog, actor: { id: string; role: Role }, input: GrantInput, now = Date.now()): Promise<GrantResult> {
  const course = catalog.byId.get(input.courseId);
  const quiz = course?.quizzesById.get(input.quizId);
  if (!course || !quiz) return { ok: false, reason: "not_found" };
  if (!(await mayGrant(db, actor, input.userId, course.id))) return { ok: false, reason: "not_found" };
  return db.transaction().execute(async (trx) => {
    const learner = await trx.selectFrom("users").select(["email"]).where("id", "=", input.userId).executeTakeFirst();
    if (!learner) return { ok: false as const, reason: "not_found" as const };
    const status = await quizStatus(trx, input.userId, course.id, quiz);
    if (status.remaining !== 0 || status.open) return { ok: false as const, reason: "not_needed" as const };
    const attemptNumber = status.used + 1;
    const inserted = await trx
      .insertInto("quiz_attempt_grants")
      .values({ id: randomUUID(), user_id: input.userId, course_id: course.id, quiz_id: quiz.id, attempt_number: attemptNumber, granted_by: actor.id, reason: input.reason, granted_at: now })
      .onConflict((oc) => oc.columns(["user_id", "course_id", "quiz_id", "attempt_number"]).doNothing())
      .executeTakeFirst();
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: false as const, reason: "not_needed" as const };
    const allowed = quiz.maxAttempts + status.granted;
    await recordAudit(
      trx,
      {
        actorId: actor.id,
        action: "attempt.granted",
        targetType: "user",
        targetId: input.userId,
        targetLabel: learner.email,
        details: { course: course.id, quiz: quiz.id, reason: input.reason, attemptsAllowed: { before: allowed, after: allowed + 1 } },
      },
      now,
    );
    return { ok: true as const, attemptNumber };
  });
}

/** A learner's quizzes among `courseIds` with every attempt used, for a grant form: used, allowed, passed. */
export async function exhaustedAttempts(db: DB, catalog: Catalog, userId: string, courseIds: readonly string[]) {
  const out: { courseId: string; quizId: string; used: number; allowed: number; passed: boolean }[] = [];
  for (const courseId of courseIds) {
    const course = catalog.byId.get(courseId);
    if (!course) continue;
    for (const quiz of course.quizzes.filter((q) => q.maxAttempts > 0)) {
      const s = await quizStatus(db, userId, courseId, quiz);
      if (s.remaining === 0 && !s.open) out.push({ courseId, quizId: quiz.id, used: s.used, allowed: quiz.maxAttempts + s.granted, passed: s.passed });
    }
  }
  return out;
}

/**
 * The learners of a course who used every attempt at one of its quizzes without passing it, for the
 * course's staff: one row per learner and quiz, by name.
 */
export async function stuckLearners(db: DB, course: { id: string; quizzes: readonly { id: string; maxAttempts: number }[] }) {
  const limited = new Map(course.quizzes.filter((q) => q.maxAttempts > 0).map((q) => [q.id, q.maxAttempts]));
  if (!limited.size) return [];
  const rows = await db
    .selectFrom("quiz_attempts as a")
    .innerJoin("users as u", "u.id", "a.user_id")
    .select(["a.user_id", "a.quiz_id", "u.name", "u.email", (eb) => eb.fn.countAll<number>().as("used"), (eb) => eb.fn.max("a.passed").as("passed")])
    .where("a.course_id", "=", course.id)
    .where("a.submitted_at", "is not", null)
    .where("a.quiz_id", "in", [...limited.keys()])
    .groupBy(["a.user_id", "a.quiz_id", "u.name", "u.email"])
    .execute();
  const grants = await db
    .selectFrom("quiz_attempt_grants")
    .select(["user_id", "quiz_id", (eb) => eb.fn.countAll<number>().as("n")])
    .where("course_id", "=", course.id)
    .groupBy(["user_id", "quiz_id"])
    .execute();
  const granted = new Map(grants.map((g) => [`${g.user_id} ${g.quiz_id}`, Number(g.n)]));
  const open = new Set(
    (await db.selectFrom("quiz_attempts").select(["user_id", "quiz_id"]).where("course_id", "=", course.id).where("submitted_at", "is", null).execute()).map((r) => `${r.user_id} ${r.quiz_id}`),
  );
  return rows
    .map((r) => ({ userId: r.user_id, quizId: r.quiz_id, name: r.name, email: r.email, used: Number(r.used), allowed: limited.get(r.quiz_id)! + (granted.get(`${r.user_id} ${r.quiz_id}`) ?? 0), passed: Number(r.passed ?? 0) === 1 }))
    .filter((r) => !r.passed && r.used >= r.allowed && !open.has(`${r.userId} ${r.quizId}`))
    .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email) || a.quizId.localeCompare(b.quizId));
}

/** The course staff's page: the learners stuck at one of the course's quizzes, each with a grant form. */
export async function stuckLearnersView(db: DB, course: Course, lang: string, t: T) {
  const shown = course.languages.includes(lang) ? lang : course.baseLanguage;
  const title = pick(course.title, shown);
  return {
    course: { id: course.id, title },
    learners: (await stuckLearners(db, course)).map((r) => ({ ...r, courseId: course.id, course: title, quiz: quizTitle(course, course.quizzesById.get(r.quizId)!, shown, t) })),
  };
}
