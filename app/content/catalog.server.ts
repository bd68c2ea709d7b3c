import { Id } from "./schema";
import type { Catalog, Course, DraftingExercise, Lesson, Module, Quiz, ScenarioExercise } from "./types";
import { notFound } from "~/lib/responses";

/** Courses a visitor may see: the published ones, and drafts for those who may preview them. */
export function visibleCourses(catalog: Catalog, canViewDrafts: boolean): Course[] {
  return catalog.courses.filter((c) => c.status === "published" || canViewDrafts);
}

/** The course with this id, if the id is well-formed and known. */
export function findCourse(catalog: Catalog, courseId: string | undefined): Course | undefined {
  const id = Id.safeParse(courseId);
  return id.success ? catalog.byId.get(id.data) : undefined;
}

export function lessonOr404(course: Course, lessonId: string | undefined): Lesson {
  const lesson = lessonId ? course.lessonsById.get(lessonId) : undefined;
  if (!lesson) throw notFound();
  return lesson;
}

export function moduleOr404(course: Course, moduleId: string | undefined): Module {
  const module = moduleId ? course.modules.find((m) => m.id === moduleId) : undefined;
  if (!module) throw notFound();
  return module;
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
