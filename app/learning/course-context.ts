import { pick, type CourseText } from "~/content/localize";
import type { Course } from "~/content/types";

/**
 * What every learner page of a course carries besides its own content: the course, its title in the
 * language shown, that language, and whether the text is a fallback or an unreviewed translation.
 */
export function courseContext(course: Course, text: CourseText) {
  return {
    courseId: course.id,
    courseTitle: pick(course.title, text.lang),
    lang: text.lang,
    fallback: text.fallback,
    unreviewed: text.unreviewed,
  };
}
