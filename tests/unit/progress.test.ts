import { describe, expect, it } from "vitest";
import { courseProgress, neighbours, nextStep, type LearnerState } from "../../app/learning/progress";
import { loadFixtureCourse } from "../helpers/catalog";

const course = loadFixtureCourse();
const state = (s: Partial<LearnerState>): LearnerState => ({
  completedLessons: new Set(),
  passedQuizzes: new Set(),
  openAttempts: new Map(),
  lastLessonId: null,
  ...s,
});

describe("course progress", () => {
  it("starts at zero and points to the first lesson", () => {
    const p = courseProgress(course, state({}));
    expect(p).toMatchObject({ percent: 0, complete: false, lessonsDone: 0, lessonsTotal: 2, quizzesTotal: 1 });
    expect(p.next).toEqual({ kind: "lesson", lessonId: "l-one", moduleId: "m-basics" });
  });

  it("needs every lesson and every quiz passed to complete", () => {
    const lessonsOnly = courseProgress(course, state({ completedLessons: new Set(["l-one", "l-two"]) }));
    expect(lessonsOnly.complete).toBe(false);
    expect(lessonsOnly.percent).toBe(66);
    expect(lessonsOnly.next).toEqual({ kind: "quiz", quizId: "quiz-basics", attemptId: null });
    const all = courseProgress(course, state({ completedLessons: new Set(["l-one", "l-two"]), passedQuizzes: new Set(["quiz-basics"]) }));
    expect(all).toMatchObject({ complete: true, percent: 100, next: { kind: "done" } });
  });

  it("ignores ids the content no longer has", () => {
    const p = courseProgress(course, state({ completedLessons: new Set(["l-one", "l-removed"]) }));
    expect(p.lessonsDone).toBe(1);
  });

  it("follows the course's completion rules", () => {
    const lenient = { ...course, completion: { lessons: "all" as const, quizzes: "none" as const } };
    expect(courseProgress(lenient, state({ completedLessons: new Set(["l-one", "l-two"]) })).complete).toBe(true);
  });
});

describe("where to continue", () => {
  it("resumes an unfinished quiz attempt first", () => {
    expect(nextStep(course, state({ openAttempts: new Map([["quiz-basics", "att-1"]]) }))).toEqual({
      kind: "quiz",
      quizId: "quiz-basics",
      attemptId: "att-1",
    });
  });

  it("returns to the lesson being read if it was not finished", () => {
    expect(nextStep(course, state({ completedLessons: new Set(["l-one"]), lastLessonId: "l-two" }))).toMatchObject({ lessonId: "l-two" });
    expect(nextStep(course, state({ lastLessonId: "l-two" }))).toMatchObject({ lessonId: "l-two" });
    expect(nextStep(course, state({ completedLessons: new Set(["l-two"]), lastLessonId: "l-two" }))).toMatchObject({ lessonId: "l-one" });
  });

  it("knows each lesson's neighbours", () => {
    expect(neighbours(course, "l-one")).toEqual({ previous: null, next: "l-two" });
    expect(neighbours(course, "l-two")).toEqual({ previous: "l-one", next: null });
  });
});
