import type { NextStep } from "./progress";

export const lessonPath = (courseId: string, lessonId: string) => `/courses/${courseId}/lessons/${lessonId}`;
export const quizPath = (courseId: string, quizId: string) => `/courses/${courseId}/quizzes/${quizId}`;
export const attemptPath = (courseId: string, quizId: string, attemptId: string) =>
  `/courses/${courseId}/quizzes/${quizId}/attempts/${attemptId}`;

export function nextStepPath(courseId: string, next: NextStep): string {
  switch (next.kind) {
    case "lesson":
      return lessonPath(courseId, next.lessonId);
    case "quiz":
      return next.attemptId ? attemptPath(courseId, next.quizId, next.attemptId) : quizPath(courseId, next.quizId);
    case "done":
      return `/courses/${courseId}`;
  }
}
