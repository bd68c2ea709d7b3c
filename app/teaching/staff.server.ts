import { z } from "zod";
import type { DB } from "@db/index";
import type { Role } from "@db/schema";
import { findUserByEmail } from "~/auth/users.server";
import { Id } from "~/content/schema";

/**
 * The courses a user may act on as course staff: every course for an admin, the assigned ones for
 * an instructor, none for anyone else. `null` means "all".
 */
export async function staffCourseIds(db: DB, user: { id: string; role: Role }): Promise<ReadonlySet<string> | null> {
  if (user.role === "admin") return null;
  if (user.role !== "instructor") return new Set();
  const rows = await db.selectFrom("course_instructors").select("course_id").where("user_id", "=", user.id).execute();
  return new Set(rows.map((r) => r.course_id));
}

export function inScope(scope: ReadonlySet<string> | null, courseId: string): boolean {
  return scope === null || scope.has(courseId);
}

/** Instructors per course id, for the admin's assignment page. */
export async function instructorsByCourse(db: DB) {
  const rows = await db
    .selectFrom("course_instructors as ci")
    .innerJoin("users as u", "u.id", "ci.user_id")
    .select(["ci.course_id", "u.id", "u.name", "u.email", "u.role"])
    .orderBy("u.name")
    .execute();
  const map = new Map<string, { id: string; name: string; email: string; role: Role }[]>();
  for (const r of rows) map.set(r.course_id, [...(map.get(r.course_id) ?? []), { id: r.id, name: r.name, email: r.email, role: r.role }]);
  return map;
}

// Messages are i18n keys (app/i18n/en.ts).
export const StaffForm = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("assign"),
    courseId: Id,
    email: z.string().trim().min(1, { error: "admin.courses.error.email" }).max(254, { error: "admin.courses.error.email" }),
  }),
  z.object({ intent: z.literal("remove"), courseId: Id, userId: z.string().uuid() }),
], { error: "form.errorSummary" });

export type AssignResult = { ok: true; already: boolean } | { ok: false; reason: "no_user" | "not_instructor" };

/** Assigns an instructor to a course by email; assigning twice changes nothing. */
export async function assignInstructor(db: DB, courseId: string, email: string, now = Date.now()): Promise<AssignResult> {
  const user = await findUserByEmail(db, email);
  if (!user) return { ok: false, reason: "no_user" };
  if (user.role !== "instructor") return { ok: false, reason: "not_instructor" };
  const r = await db
    .insertInto("course_instructors")
    .values({ course_id: courseId, user_id: user.id, assigned_at: now })
    .onConflict((oc) => oc.columns(["course_id", "user_id"]).doNothing())
    .executeTakeFirst();
  return { ok: true, already: Number(r.numInsertedOrUpdatedRows ?? 0) === 0 };
}

export async function removeInstructor(db: DB, courseId: string, userId: string): Promise<boolean> {
  const r = await db.deleteFrom("course_instructors").where("course_id", "=", courseId).where("user_id", "=", userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
