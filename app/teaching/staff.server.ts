import { z } from "zod";
import type { DB } from "@db/index";
import type { Role } from "@db/schema";
import { scopeOf } from "~/auth/permissions";
import { findUserByEmail } from "~/auth/users.server";
import { pick } from "~/content/localize";
import type { Catalog } from "~/content/types";
import { recordAudit } from "~/admin/audit.server";
import { msg } from "~/lib/submission.server";

/**
 * The courses a user may act on as course staff: every course for an admin, the assigned ones for
 * an instructor, none for anyone else. `null` means "all".
 */
export async function staffCourseIds(db: DB, user: { id: string; role: Role }): Promise<ReadonlySet<string> | null> {
  const scope = scopeOf(user.role, "questions.analyse");
  if (scope === "any") return null;
  if (scope === null) return new Set();
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

// The course is checked against the catalogue by the caller; here only its shape, with our own message.
const courseId = z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/, msg("form.error.invalid"));
export const StaffForm = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("assign"),
      courseId,
      email: z.string().trim().min(1, msg("admin.courses.error.email")).max(254, msg("admin.courses.error.email")),
    }),
    z.object({ intent: z.literal("remove"), courseId, userId: z.uuid(msg("form.error.invalid")) }),
  ],
  msg("form.errorSummary"),
);

export type AssignResult = { ok: true; already: boolean } | { ok: false; reason: "no_user" | "not_instructor" };

/** Assigns an instructor to a course by email; assigning twice changes nothing. */
export async function assignInstructor(db: DB, courseId: string, email: string, now = Date.now()): Promise<AssignResult> {
  const user = await findUserByEmail(db, email);
  if (!user) return { ok: false, reason: "no_user" };
  // Only a role that looks after assigned courses (not one that sees them all) can be assigned one.
  if (scopeOf(user.role, "questions.analyse") !== "own") return { ok: false, reason: "not_instructor" };
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

/** The admin's page: every course with its instructors. */
export async function staffing(db: DB, catalog: Catalog) {
  const staff = await instructorsByCourse(db);
  return catalog.courses.map((c) => ({ id: c.id, title: pick(c.title, c.baseLanguage), draft: c.status === "draft", instructors: staff.get(c.id) ?? [] }));
}

export type StaffChange =
  | { ok: true; courseId: string; message: "admin.courses.removed" | "admin.courses.already" | "admin.courses.assigned" }
  | { ok: false; courseId: string; message: "admin.courses.error.noUser" | "admin.courses.error.notInstructor" }
  | null;

/** Assigns or removes an instructor; null when the course or the assignment does not exist. */
export async function changeStaffing(db: DB, catalog: Catalog, actorId: string, input: z.infer<typeof StaffForm>): Promise<StaffChange> {
  if (!catalog.byId.has(input.courseId)) return null;
  return db.transaction().execute(async (trx): Promise<StaffChange> => {
    if (input.intent === "remove") {
      const who = await trx.selectFrom("users").select("email").where("id", "=", input.userId).executeTakeFirst();
      if (!(await removeInstructor(trx, input.courseId, input.userId))) return null;
      await recordAudit(trx, { actorId, action: "staff.removed", targetType: "course", targetId: input.courseId, targetLabel: input.courseId, details: { instructor: who?.email ?? input.userId } });
      return { ok: true, courseId: input.courseId, message: "admin.courses.removed" };
    }
    const r = await assignInstructor(trx, input.courseId, input.email);
    if (!r.ok) return { ok: false, courseId: input.courseId, message: r.reason === "no_user" ? "admin.courses.error.noUser" : "admin.courses.error.notInstructor" };
    if (!r.already) await recordAudit(trx, { actorId, action: "staff.assigned", targetType: "course", targetId: input.courseId, targetLabel: input.courseId, details: { instructor: input.email } });
    return { ok: true, courseId: input.courseId, message: r.already ? "admin.courses.already" : "admin.courses.assigned" };
  });
}

/** The courses a staff member looks after (every course, drafts included, for an admin). */
export async function coursesLookedAfter(db: DB, catalog: Catalog, user: { id: string; role: Role }) {
  const scope = await staffCourseIds(db, user);
  return catalog.courses.filter((c) => inScope(scope, c.id)).map((c) => ({ id: c.id, title: pick(c.title, c.baseLanguage) }));
}
