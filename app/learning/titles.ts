import { pick } from "~/content/localize";
import type { Course, Quiz } from "~/content/types";
import type { T } from "~/i18n";

/** The one name of a quiz, wherever it appears: its own title, else "Quiz: <module>", else "Final assessment". */
export function quizTitle(course: Pick<Course, "modules">, quiz: Pick<Quiz, "title" | "moduleId">, lang: string, t: T): string {
  if (quiz.title) return pick(quiz.title, lang);
  const module = quiz.moduleId ? course.modules.find((m) => m.id === quiz.moduleId) : undefined;
  return module ? `${t("course.quiz")}: ${pick(module.title, lang)}` : t("course.assessment");
}
