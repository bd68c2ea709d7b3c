import type { DB } from "@db/index";

/**
 * A learner's places in the cohorts that include a course, counting only places they accepted (a
 * pending place is nobody's yet, decision 014): the query to join and select from, as `p`
 * (`cohort_participants`) and `cc` (`cohort_courses`).
 */
export function acceptedPlacesWithCourse(db: DB, userId: string, courseId: string) {
  return db
    .selectFrom("cohort_participants as p")
    .innerJoin("cohort_courses as cc", "cc.cohort_id", "p.cohort_id")
    .where("p.user_id", "=", userId)
    .where("p.accepted_at", "is not", null)
    .where("cc.course_id", "=", courseId);
}
