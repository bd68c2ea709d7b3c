import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Params } from "@remix-run/react";
import { can, scopeOf, type Permission, type Scope } from "~/auth/permissions";
import { getSessionUser, safeRedirect, type SessionUser } from "~/auth/session.server";
import { getManagedCohort, type ManagedCohort } from "~/cohorts/cohorts.server";
import { findCourse } from "~/content/catalog.server";
import { courseText, type CourseText } from "~/content/localize";
import type { Course } from "~/content/types";
import { makeT, type T, type UiLanguage } from "~/i18n";
import { resolveLanguage } from "~/i18n/language.server";
import { MESSAGES } from "~/i18n/messages.server";
import { getEnrolment } from "~/learning/progress.server";
import type { Runtime } from "~/runtime.server";
import { inScope, staffCourseIds } from "~/teaching/staff.server";
import { forbidden, notFound } from "./responses";
import { paths } from "./links";

/** What every loader and action receives from Remix. */
export interface RouteArgs {
  request: Request;
  context: AppLoadContext;
  params: Params;
}

/**
 * Everything a page needs to know about its request, resolved once: the runtime, the user (if any),
 * the interface language and its translator, and what the user may do.
 */
export interface Visit {
  rt: Runtime;
  request: Request;
  user: SessionUser | null;
  lang: UiLanguage;
  t: T;
  can: (permission: Permission) => boolean;
}
export type SignedInVisit = Visit & { user: SessionUser };
export type CourseVisit = SignedInVisit & { course: Course; text: CourseText; preview: boolean };

async function visit({ request, context }: RouteArgs): Promise<Visit> {
  const rt = context.runtime;
  const { user } = await getSessionUser(rt, request, context.perRequest);
  const lang = await resolveLanguage(request, user?.locale ?? null);
  return { rt, request, user, lang, t: makeT(MESSAGES[lang], lang), can: (p) => !!user && can(user.role, p) };
}

function toLogin(request: Request): never {
  const url = new URL(request.url);
  const back = request.method === "GET" ? url.pathname + url.search : url.pathname;
  // A way back longer than safeRedirect accepts would only bloat the Location header (proxies refuse
  // large ones): the login page then sends the user to the dashboard instead.
  throw redirect(paths.login(back.length <= 2000 ? back : null));
}

/** The sign-in and registration pages: someone already signed in goes on to where they were headed. */
export async function signedOutPage(args: RouteArgs): Promise<Visit> {
  const v = await visit(args);
  if (v.user) throw redirect(safeRedirect(new URL(args.request.url).searchParams.get("redirectTo")));
  return v;
}

/** Pages anyone may open: the catalogue, a course's outline, verification, sign-in. */
export async function publicPage(args: RouteArgs): Promise<Visit> {
  return visit(args);
}

/**
 * A learner's page: signed in (else to the login page, and back). With `course`, the course named by
 * that URL parameter (404 when unknown or a draft they may not see) and the language to show it in;
 * with `enrolled`, an enrolment in it too (else to the course page). `enrolled: "or-preview"` also
 * lets in the staff who look after the course, unenrolled, in preview mode: they read, and nothing
 * of theirs is recorded.
 */
export async function learnerPage(args: RouteArgs): Promise<SignedInVisit>;
export async function learnerPage(args: RouteArgs, opts: { course: string; enrolled?: boolean | "or-preview" }): Promise<CourseVisit>;
export async function learnerPage(args: RouteArgs, opts?: { course: string; enrolled?: boolean | "or-preview" }): Promise<SignedInVisit | CourseVisit> {
  const v = await visit(args);
  if (!v.user) return toLogin(args.request);
  const signedIn = { ...v, user: v.user };
  if (!opts) return signedIn;
  const course = courseOr404(v, args.params[opts.course]);
  let preview = false;
  if (opts.enrolled && !(await getEnrolment(v.rt.db, v.user.id, course.id))) {
    // Previews (with every answer key) are for the staff who look after this course.
    const staff = opts.enrolled === "or-preview" && v.can("course.viewDraft") && inScope(await staffCourseIds(v.rt.db, v.user), course.id);
    if (!staff) throw redirect(paths.course(course.id));
    preview = true;
  }
  return { ...signedIn, course, text: courseText(course, v.lang), preview };
}

/** A course page that anyone may read (its outline); signed-in visitors are known. */
export async function publicCoursePage(args: RouteArgs, param: string): Promise<Visit & { course: Course; text: CourseText }> {
  const v = await visit(args);
  const course = courseOr404(v, args.params[param]);
  return { ...v, course, text: courseText(course, v.lang) };
}

function courseOr404(v: Visit, courseId: string | undefined): Course {
  const course = findCourse(v.rt.catalog, courseId);
  if (!course || (course.status !== "published" && !v.can("course.viewDraft"))) throw notFound();
  return course;
}

/** A page of staff, managers or admins: signed in (else to login) and holding `permission` (else 403). */
export async function permittedPage(args: RouteArgs, permission: Permission): Promise<SignedInVisit & { scope: Scope }> {
  const v = await visit(args);
  if (!v.user) return toLogin(args.request);
  const scope = scopeOf(v.user.role, permission);
  if (!scope) throw forbidden();
  return { ...v, user: v.user, scope };
}

/**
 * A course-staff page for the course in URL parameter `param`: the permission, and the course among
 * those the user looks after. A course they do not look after answers 404, like an unknown one, so
 * an instructor learns nothing about other courses.
 */
export async function staffCoursePage(args: RouteArgs, permission: Permission, param = "courseId"): Promise<CourseVisit & { scope: Scope }> {
  const v = await permittedPage(args, permission);
  const course = courseOr404(v, args.params[param]);
  if (!inScope(await staffCourseIds(v.rt.db, v.user), course.id)) throw notFound();
  return { ...v, course, text: courseText(course, v.lang), preview: false };
}

/** A manager's page for the cohort in URL parameter `cohortId`: another manager's cohort answers 404, like a missing one. */
export async function cohortPage(args: RouteArgs): Promise<SignedInVisit & { scope: Scope; cohort: ManagedCohort }> {
  const v = await permittedPage(args, "cohorts.manage");
  const cohort = await getManagedCohort(v.rt.db, v.user, args.params.cohortId ?? "");
  if (!cohort) throw notFound();
  return { ...v, cohort };
}
