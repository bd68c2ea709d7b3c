import type { Course } from "~/content/types";

/** What the database says about one learner in one course, reduced to ids. */
export interface LearnerState {
  completedLessons: ReadonlySet<string>;
  passedQuizzes: ReadonlySet<string>;
  /** quiz id → id of its unfinished attempt */
  openAttempts: ReadonlyMap<string, string>;
  lastLessonId: string | null;
}

export type NextStep =
  | { kind: "lesson"; lessonId: string; moduleId: string }
  | { kind: "quiz"; quizId: string; attemptId: string | null }
  | { kind: "done" };

export interface ModuleProgress {
  id: string;
  lessonsDone: number;
  lessonsTotal: number;
  quiz: { id: string; passed: boolean; open: boolean } | null;
  complete: boolean;
}

export interface CourseProgress {
  lessonsDone: number;
  lessonsTotal: number;
  quizzesPassed: number;
  quizzesTotal: number;
  /** 0–100, rounded down so that 100 means exactly complete */
  percent: number;
  modules: ModuleProgress[];
  complete: boolean;
  next: NextStep;
}

/**
 * Progress against the course as it is now: ids that no longer exist in the content are ignored, new
 * lessons count as not yet done. Completion follows the course's own rules (course.yaml `completion`).
 */
export function courseProgress(course: Course, s: LearnerState): CourseProgress {
  const modules: ModuleProgress[] = course.modules.map((m) => {
    const lessonsDone = m.lessons.filter((l) => s.completedLessons.has(l.id)).length;
    const quiz = m.quiz ? { id: m.quiz.id, passed: s.passedQuizzes.has(m.quiz.id), open: s.openAttempts.has(m.quiz.id) } : null;
    const lessonsOk = course.completion.lessons === "none" || lessonsDone === m.lessons.length;
    const quizOk = course.completion.quizzes === "none" || !quiz || quiz.passed;
    return { id: m.id, lessonsDone, lessonsTotal: m.lessons.length, quiz, complete: lessonsOk && quizOk };
  });
  const lessonsDone = modules.reduce((n, m) => n + m.lessonsDone, 0);
  const quizzesPassed = course.quizzes.filter((q) => s.passedQuizzes.has(q.id)).length;
  const countLessons = course.completion.lessons === "all";
  const countQuizzes = course.completion.quizzes === "passed";
  const required = (countLessons ? course.lessons.length : 0) + (countQuizzes ? course.quizzes.length : 0);
  const done = (countLessons ? lessonsDone : 0) + (countQuizzes ? quizzesPassed : 0);
  const complete = done === required;
  const percent = required === 0 ? 100 : Math.floor((done / required) * 100);
  return {
    lessonsDone,
    lessonsTotal: course.lessons.length,
    quizzesPassed,
    quizzesTotal: course.quizzes.length,
    percent,
    modules,
    complete: required === 0 ? lessonsDone === course.lessons.length : complete,
    next: nextStep(course, s),
  };
}

/**
 * Where "continue" leads: an unfinished quiz attempt first, then the lesson the learner was reading if
 * they had not finished it, then the first lesson or quiz not yet done in course order.
 */
export function nextStep(course: Course, s: LearnerState): NextStep {
  for (const q of course.quizzes) {
    const attemptId = s.openAttempts.get(q.id);
    if (attemptId) return { kind: "quiz", quizId: q.id, attemptId };
  }
  const last = s.lastLessonId ? course.lessonsById.get(s.lastLessonId) : undefined;
  if (last && !s.completedLessons.has(last.id)) return { kind: "lesson", lessonId: last.id, moduleId: last.moduleId };
  for (const m of course.modules) {
    for (const l of m.lessons) if (!s.completedLessons.has(l.id)) return { kind: "lesson", lessonId: l.id, moduleId: m.id };
    if (m.quiz && !s.passedQuizzes.has(m.quiz.id)) return { kind: "quiz", quizId: m.quiz.id, attemptId: null };
  }
  if (course.assessment && !s.passedQuizzes.has(course.assessment.id))
    return { kind: "quiz", quizId: course.assessment.id, attemptId: null };
  return { kind: "done" };
}

/** The lessons before and after `lessonId` in reading order, across modules. */
export function neighbours(course: Course, lessonId: string): { previous: string | null; next: string | null } {
  const i = course.lessons.findIndex((l) => l.id === lessonId);
  return {
    previous: i > 0 ? course.lessons[i - 1]!.id : null,
    next: i >= 0 && i < course.lessons.length - 1 ? course.lessons[i + 1]!.id : null,
  };
}

/** Where reading goes after `lessonId`: its module's quiz after the module's last lesson, else the next lesson, the assessment, or the course page. */
export type AfterLesson = { kind: "quiz"; quizId: string } | { kind: "lesson"; lessonId: string } | { kind: "course" };

export function afterLesson(course: Course, lessonId: string): AfterLesson {
  const lesson = course.lessonsById.get(lessonId);
  const module = lesson ? course.modules.find((m) => m.id === lesson.moduleId) : undefined;
  if (module?.quiz && module.lessons.at(-1)?.id === lessonId) return { kind: "quiz", quizId: module.quiz.id };
  const { next } = neighbours(course, lessonId);
  if (next) return { kind: "lesson", lessonId: next };
  if (course.assessment) return { kind: "quiz", quizId: course.assessment.id };
  return { kind: "course" };
}
