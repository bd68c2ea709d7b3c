// Lessons marked read without a connection, as the offline reader sends them when the link returns
// (decision 034). Marking a lesson read is idempotent (completeLesson keeps the first completion), so
// a queue sent twice — its answer lost on the way back, or sent by two triggers at once — counts once.
import type { z } from "zod";
import type { DB } from "@db/index";
import type { SessionUser } from "~/auth/session.server";
import { visibleCourses } from "~/content/catalog.server";
import type { Catalog } from "~/content/types";
import { completeLesson, listEnrolments } from "~/learning/progress.server";
import type { SyncForm } from "./forms.server";
import { offlineKey } from "./keys.server";

export type SyncResult =
  /** the queue was saved for someone else than the person signed in now: nothing is recorded */
  | { ok: false }
  /** `done`: recorded (or already so); `refused`: never will be (not enrolled, no such lesson): the worker drops both */
  | { ok: true; done: string[]; refused: string[] };

const ITEM = /^([a-z0-9][a-z0-9-]{0,99})\/([a-z0-9][a-z0-9-]{0,99})$/;

/**
 * Records each lesson of the queue as read, now (the server's clock: a phone's may be wrong, and the
 * reports' dates must not be the device's to choose), for the signed-in learner only, in courses they
 * are enrolled in and may see.
 */
export async function syncLessonsRead(db: DB, catalog: Catalog, user: SessionUser, canViewDrafts: boolean, input: z.infer<typeof SyncForm>, now = Date.now()): Promise<SyncResult> {
  if (input.key !== offlineKey(user.id)) return { ok: false };
  const visible = new Set(visibleCourses(catalog, canViewDrafts).map((c) => c.id));
  const enrolled = new Set((await listEnrolments(db, user.id)).map((e) => e.course_id));
  const done: string[] = [];
  const refused: string[] = [];
  for (const item of new Set(input.read)) {
    const [, courseId = "", lessonId = ""] = ITEM.exec(item) ?? [];
    const course = visible.has(courseId) && enrolled.has(courseId) ? catalog.byId.get(courseId) : undefined;
    if (!course?.lessonsById.has(lessonId)) {
      refused.push(item);
      continue;
    }
    await completeLesson(db, user.id, course, lessonId, now);
    done.push(item);
  }
  return { ok: true, done, refused };
}
