import { can } from "~/auth/permissions";
import type { SessionUser } from "~/auth/session.server";
import { runtime } from "~/runtime.server";
import { Id } from "./schema";
import type { Course, DraftingExercise, Lesson, Quiz, ScenarioExercise } from "./types";

const notFound = () => new Response("Not found", { status: 404 });

export function isVisible(course: Course, user: SessionUser | null): boolean {
  return course.status === "published" || (!!user && can(user.role, "course.viewDraft"));
}

export function visibleCourses(user: SessionUser | null): Course[] {
  return runtime().catalog.courses.filter((c) => isVisible(c, user));
}

/** The course named in the URL, or a 404 — for a malformed id, an unknown one, or a draft the user may not see. */
export function courseOr404(courseId: string | undefined, user: SessionUser | null): Course {
  const id = Id.safeParse(courseId);
  const course = id.success ? runtime().catalog.byId.get(id.data) : undefined;
  if (!course || !isVisible(course, user)) throw notFound();
  return course;
}

export function lessonOr404(course: Course, lessonId: string | undefined): Lesson {
  const lesson = lessonId ? course.lessonsById.get(lessonId) : undefined;
  if (!lesson) throw notFound();
  return lesson;
}

export function quizOr404(course: Course, quizId: string | undefined): Quiz {
  const quiz = quizId ? course.quizzesById.get(quizId) : undefined;
  if (!quiz) throw notFound();
  return quiz;
}

export function draftingOr404(course: Course, exerciseId: string | undefined): DraftingExercise {
  const e = exerciseId ? course.exercisesById.get(exerciseId) : undefined;
  if (!e || e.type !== "drafting") throw notFound();
  return e;
}

export function scenarioOr404(course: Course, exerciseId: string | undefined): ScenarioExercise {
  const e = exerciseId ? course.exercisesById.get(exerciseId) : undefined;
  if (!e || e.type !== "scenario") throw notFound();
  return e;
}
