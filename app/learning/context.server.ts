import type { Params as RouteParams } from "@remix-run/react";
import { redirect } from "@remix-run/node";
import { requireUser } from "~/auth/session.server";
import { courseOr404 } from "~/content/catalog.server";
import { courseLanguage } from "~/content/localize";
import { languageName, makeT } from "~/i18n";
import { resolveLanguage } from "~/i18n/language.server";
import { MESSAGES } from "~/i18n/messages.server";
import { runtime } from "~/runtime.server";
import { getEnrolment } from "./progress.server";

/**
 * The signed-in learner, the course in the URL (404 when unknown or hidden) and the language to show
 * it in. Lessons and quizzes need an enrolment: without one the learner is sent to the course page.
 */
export async function requireEnrolledCourse(request: Request, params: RouteParams) {
  const user = await requireUser(request);
  const course = courseOr404(params.courseId, user);
  const enrolment = await getEnrolment(runtime().db, user.id, course.id);
  if (!enrolment) throw redirect(`/courses/${course.id}`);
  const ui = await resolveLanguage(request, user.locale);
  const { lang, fallback } = courseLanguage(course, ui);
  return {
    user,
    course,
    lang,
    t: makeT(MESSAGES[ui]),
    fallback: fallback ? { language: languageName(ui), fallback: languageName(lang) } : null,
  };
}
