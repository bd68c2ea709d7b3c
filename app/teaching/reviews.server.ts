import type { z } from "zod";
import type { DB } from "@db/index";
import type { Role } from "@db/schema";
import { courseLanguage, pick } from "~/content/localize";
import type { Catalog, Course } from "~/content/types";
import { promptViews } from "~/learning/exercise-view.server";
import { can } from "~/auth/permissions";
import { countWaiting, getDraft, isReviewable, listComments, reviewDraft, reviewQueue, type ReviewForm } from "~/learning/exercises.server";
import { paths } from "~/lib/links";
import { deliver, reviewMail, type MailOutcome, type Mailer } from "~/mail/mail.server";
import { staffCourseIds } from "./staff.server";

/** How many drafts wait for this reviewer (the header's "Reviews" link); 0 for those who review nothing. */
export async function reviewsWaiting(db: DB, user: { id: string; role: Role }): Promise<number> {
  if (!can(user.role, "exercises.review")) return 0;
  return countWaiting(db, await staffCourseIds(db, user));
}

/** The drafts waiting for this reviewer, oldest first, in the courses they look after. */
export async function reviewQueueView(db: DB, catalog: Catalog, user: { id: string; role: Role }) {
  return (await reviewQueue(db, await staffCourseIds(db, user))).flatMap((d) => {
    const course = catalog.byId.get(d.course_id);
    const exercise = course?.exercisesById.get(d.exercise_id);
    if (!course || !exercise) return [];
    return [
      {
        path: paths.review(d.user_id, d.course_id, d.exercise_id),
        name: d.name,
        course: pick(course.title, course.baseLanguage),
        exercise: pick(exercise.title, course.baseLanguage),
        submittedAt: d.submitted_at ?? 0,
      },
    ];
  });
}

/**
 * A learner's drafting exercise as its reviewer reads it, or null when there is nothing to review.
 * A draft its learner never submitted is theirs alone: staff see submitted and reviewed work only.
 */
async function reviewable(db: DB, course: Course, exerciseId: string | undefined, userId: string | undefined) {
  const found = exerciseId ? course.exercisesById.get(exerciseId) : undefined;
  if (found?.type !== "drafting" || !userId) return null;
  const key = { userId, courseId: course.id, exerciseId: found.id };
  const draft = await getDraft(db, key);
  return draft && isReviewable(draft.status) ? { exercise: found, key, draft } : null;
}

export async function reviewView(db: DB, course: Course, exerciseId: string | undefined, userId: string | undefined) {
  const found = await reviewable(db, course, exerciseId, userId);
  if (!found) return null;
  const learner = await db.selectFrom("users").select("name").where("id", "=", found.key.userId).executeTakeFirst();
  const lang = course.baseLanguage;
  return {
    title: pick(found.exercise.title, lang),
    course: pick(course.title, lang),
    learner: learner?.name ?? "",
    status: found.draft.status,
    prompts: promptViews(found.exercise, lang),
    answers: found.draft.answers,
    comments: await listComments(db, found.key),
  };
}

export type ReviewOutcome = { ok: true; mail: MailOutcome } | { ok: false; reason: "not_submitted" };

/**
 * The reviewer's comment and decision; null when there is no reviewable draft. A draft returned or
 * accepted is saved first; then, with email configured, its learner is told in their language. An
 * email that fails is reported (`mail`), and the review stays saved.
 */
export async function submitReview(
  rt: { db: DB; mailer: Mailer | null },
  reviewerId: string,
  course: Course,
  exerciseId: string | undefined,
  userId: string | undefined,
  input: z.infer<typeof ReviewForm>,
): Promise<ReviewOutcome | null> {
  const { db, mailer } = rt;
  const found = await reviewable(db, course, exerciseId, userId);
  if (!found) return null;
  const saved = await reviewDraft(db, reviewerId, found.key, input);
  if (!saved.ok) return saved;
  if (input.decision === "comment" || !mailer) return { ok: true, mail: "off" };
  const learner = await db.selectFrom("users").select(["email", "name", "locale"]).where("id", "=", found.key.userId).executeTakeFirstOrThrow();
  const lang = courseLanguage(course, learner.locale).lang;
  const message = reviewMail(learner, input.decision, {
    exercise: pick(found.exercise.title, lang),
    course: pick(course.title, lang),
    comment: input.comment || null,
    link: mailer.publicUrl + paths.exercise(course.id, found.exercise),
  });
  return { ok: true, mail: await deliver(mailer, message) };
}
