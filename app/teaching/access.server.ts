import type { Permission } from "~/auth/permissions";
import { requirePermission, type SessionUser } from "~/auth/session.server";
import { courseOr404 } from "~/content/catalog.server";
import { runtime } from "~/runtime.server";
import { inScope, staffCourseIds } from "./staff.server";

/**
 * The signed-in staff member and the course in the URL. A course they do not look after answers 404,
 * like an unknown one: it does not confirm to an instructor which other courses exist in draft.
 */
export async function requireCourseStaff(request: Request, courseId: string | undefined, permission: Permission) {
  const user: SessionUser = await requirePermission(request, permission);
  const course = courseOr404(courseId, user);
  if (!inScope(await staffCourseIds(runtime().db, user), course.id)) throw new Response("Not found", { status: 404 });
  return { user, course };
}

