import { pick } from "~/content/localize";
import type { Course } from "~/content/types";
import type { T } from "~/i18n";

/**
 * What the course's completion rules (course.yaml `completion`) actually required, as a Markdown list
 * in the badge's language: the lessons when they count, each quiz and its pass mark when they do.
 * With neither counted, completion is reading every lesson (app/learning/progress.ts).
 */
export function criteriaNarrative(course: Course, lang: string, t: T): string {
  const lessons = course.completion.lessons === "all" || course.completion.quizzes === "none";
  const items: string[] = [];
  if (lessons && course.lessons.length) items.push(t("badge.criteria.lessons", { count: course.lessons.length }));
  if (course.completion.quizzes === "passed") {
    for (const quiz of course.quizzes) {
      if (quiz.moduleId === null) {
        items.push(t("badge.criteria.assessment", { mark: quiz.passMark }));
        continue;
      }
      const module = course.modules.find((m) => m.id === quiz.moduleId);
      const title = quiz.title ? pick(quiz.title, lang) : module ? pick(module.title, lang) : quiz.id;
      items.push(t("badge.criteria.quiz", { quiz: title, mark: quiz.passMark }));
    }
  }
  return [t("badge.criteria.intro"), ...items.map((i) => `- ${i}`)].join("\n");
}
