// What each learner page shows and does, as view models over the catalogue and the learner's record.
import type { DB } from "@db/index";
import type { SessionUser } from "~/auth/session.server";
import { getCertificateFor } from "~/certificates/certificates.server";
import { quizOr404, visibleCourses } from "~/content/catalog.server";
import { courseText, pick, type CourseText } from "~/content/localize";
import type { Catalog, Course, Lesson, Quiz } from "~/content/types";
import { languageName, type T } from "~/i18n";
import { matchCourse, MAX_QUERY, queryTerms } from "~/content/search";
import { nextStepPath, paths } from "~/lib/links";
import { notFound } from "~/lib/responses";
import { afterLesson, courseProgress, neighbours } from "./progress";
import { completeLesson, enrol, getCourseProgress, getEnrolment, isLessonRead, learnerState, listEnrolments, recordLessonView } from "./progress.server";
import { questionsPerAttempt } from "./grading";
import { feedbackView, questionView, quizPreview } from "./quiz-view.server";
import { answerQuestion, exhaustedQuizzes, getAttempt, quizStatus, startAttempt } from "./quiz.server";
import { quizTitle } from "./titles";
import { courseContext } from "./course-context";
import { reviewedDrafts } from "./exercises.server";

/**
 * The catalogue: every course the visitor may see, in their language where the course has it, with
 * the languages each is written in; with a query, only the courses that match it (`matchCourse`).
 */
export async function catalogueView(db: DB, catalog: Catalog, user: SessionUser | null, canViewDrafts: boolean, ui: string, query = "") {
  const enrolled = new Set(user ? (await listEnrolments(db, user.id)).map((e) => e.course_id) : []);
  const terms = queryTerms(query);
  const courses = visibleCourses(catalog, canViewDrafts).flatMap((c) => {
    const { lang } = courseText(c, ui);
    const hits = matchCourse(c, terms, lang);
    if (!hits) return [];
    return [
      {
        id: c.id,
        lang,
        title: pick(c.title, lang),
        summary: pick(c.summary, lang),
        hours: c.hours,
        level: c.level,
        modules: c.modules.length,
        languages: c.languages.map((code) => ({ code, name: languageName(code) })),
        draft: c.status === "draft",
        enrolled: enrolled.has(c.id),
        hits,
      },
    ];
  });
  return { courses, query: terms.length ? query.trim().slice(0, MAX_QUERY) : "" };
}

/** "My learning": the learner's courses, the most recently active first, each with where to continue. */
export async function dashboardView(db: DB, catalog: Catalog, user: SessionUser, canViewDrafts: boolean, ui: string, t: T) {
  const visible = new Set(visibleCourses(catalog, canViewDrafts).map((c) => c.id));
  const courses = [];
  for (const e of await listEnrolments(db, user.id)) {
    const course = catalog.byId.get(e.course_id);
    if (!course || !visible.has(course.id)) continue;
    const { lang } = courseText(course, ui);
    const { percent, next } = await getCourseProgress(db, user.id, course);
    const nextTitle =
      next.kind === "lesson" ? pick(course.lessonsById.get(next.lessonId)!.title, lang) : next.kind === "quiz" ? quizTitle(course, course.quizzesById.get(next.quizId)!, lang, t) : null;
    courses.push({
      id: course.id,
      lang,
      title: pick(course.title, lang),
      percent,
      completedAt: e.completed_at,
      next: next.kind === "done" ? null : { path: nextStepPath(course.id, next), title: nextTitle, kind: next.kind },
    });
  }
  return { name: user.name, courses, reviews: await reviewFlags(db, catalog, user, visible, ui) };
}

/** How long an accepted draft stays flagged on the dashboard; a returned one stays until it is sent again. */
const ACCEPTED_FLAG_MS = 30 * 24 * 60 * 60 * 1000;

/** The learner's drafts a reviewer returned (waiting for them) or recently accepted, the latest first. */
async function reviewFlags(db: DB, catalog: Catalog, user: SessionUser, visible: ReadonlySet<string>, ui: string, now = Date.now()) {
  return (await reviewedDrafts(db, user.id, now - ACCEPTED_FLAG_MS)).flatMap((d) => {
    const course = visible.has(d.course_id) ? catalog.byId.get(d.course_id) : undefined;
    const exercise = course?.exercisesById.get(d.exercise_id);
    if (!course || !exercise) return [];
    const { lang } = courseText(course, ui);
    return [
      {
        path: paths.exercise(course.id, exercise),
        lang,
        exercise: pick(exercise.title, lang),
        course: pick(course.title, lang),
        status: d.status as "returned" | "accepted",
        reviewedAt: d.reviewed_at,
      },
    ];
  });
}

/** A course's page: its outline for anyone; progress, certificate and "continue" for an enrolled learner. */
export async function courseView(db: DB, course: Course, text: CourseText, user: SessionUser | null, t: T) {
  const { lang } = text;
  const enrolment = user ? await getEnrolment(db, user.id, course.id) : undefined;
  const state = user && enrolment ? await learnerState(db, user.id, course.id) : null;
  const progress = state ? courseProgress(course, state) : null;
  const certificate = user && enrolment?.completed_at ? await getCertificateFor(db, user.id, course.id) : undefined;
  const stuck = user && enrolment && !enrolment.completed_at ? await exhaustedQuizzes(db, user.id, course) : [];
  return {
    stuck: stuck.map((q) => ({ title: quizTitle(course, q, lang, t), attempts: q.maxAttempts })),
    draft: course.status === "draft",
    course: {
      id: course.id,
      lang,
      title: pick(course.title, lang),
      summary: pick(course.summary, lang),
      hours: course.hours,
      level: course.level,
      hasGlossary: course.glossary.length > 0,
      sources: course.sources.map((s) => ({ id: s.id, symbol: s.symbol, title: pick(s.title, lang), url: s.url })),
      modules: course.modules.map((m, i) => ({
        id: m.id,
        title: pick(m.title, lang),
        objectives: m.objectives.map((o) => pick(o, lang)),
        lessons: m.lessons.map((l) => ({ id: l.id, title: pick(l.title, lang), minutes: l.minutes, done: !!state?.completedLessons.has(l.id) })),
        quiz: m.quiz ? { id: m.quiz.id, ...progress?.modules[i]?.quiz } : null,
        exercise: m.exercise ? { path: paths.exercise(course.id, m.exercise), title: pick(m.exercise.title, lang), scenario: m.exercise.type === "scenario" } : null,
      })),
      assessment: course.assessment
        ? { id: course.assessment.id, passed: !!state?.passedQuizzes.has(course.assessment.id), open: !!state?.openAttempts.has(course.assessment.id) }
        : null,
    },
    fallback: text.fallback,
    unreviewed: text.unreviewed,
    signedIn: !!user,
    enrolled: !!enrolment,
    completedAt: enrolment?.completed_at ?? null,
    certificate: certificate ? { code: certificate.code, revokedAt: certificate.revoked_at } : null,
    progress: progress && {
      percent: progress.percent,
      lessonsDone: progress.lessonsDone,
      lessonsTotal: progress.lessonsTotal,
      quizzesPassed: progress.quizzesPassed,
      quizzesTotal: progress.quizzesTotal,
      complete: progress.complete,
      nextPath: nextStepPath(course.id, progress.next),
      started: progress.lessonsDone > 0 || progress.quizzesPassed > 0,
    },
  };
}

/** Enrols the learner (twice is harmless) and says where to go. */
export async function enrolIn(db: DB, user: SessionUser, course: Course): Promise<string> {
  await enrol(db, user.id, course.id);
  return paths.course(course.id);
}

/** A course's glossary, alphabetical in the language shown. */
export function glossaryView(course: Course, text: CourseText) {
  const { lang } = text;
  return {
    ...courseContext(course, text),
    terms: course.glossary.map((g) => ({ id: g.id, term: pick(g.term, lang), definition: pick(g.definition, lang) })).sort((a, b) => a.term.localeCompare(b.term, lang)),
  };
}

/**
 * A lesson as the learner reads it. `recordView` is false for a navigation from another site, which
 * must not write to the learner's record (docs/decisions/015-request-hardening.md).
 */
export async function lessonView(db: DB, user: SessionUser, course: Course, text: CourseText, lesson: Lesson, recordView: boolean) {
  const { lang } = text;
  if (recordView) await recordLessonView(db, user.id, course.id, lesson.id);
  const module = course.modules.find((m) => m.id === lesson.moduleId)!;
  const { previous, next } = neighbours(course, lesson.id);
  const after = afterLesson(course, lesson.id);
  const title = (id: string | null) => (id ? { path: paths.lesson(course.id, id), title: pick(course.lessonsById.get(id)!.title, lang) } : null);
  return {
    draft: course.status === "draft",
    ...courseContext(course, text),
    module: { title: pick(module.title, lang) },
    lesson: { id: lesson.id, title: pick(lesson.title, lang), html: pick(lesson.html, lang), minutes: lesson.minutes },
    completed: await isLessonRead(db, user.id, course.id, lesson.id),
    previous: title(previous),
    next: title(next),
    moduleQuiz: after.kind === "quiz" && module.quiz?.id === after.quizId ? paths.quiz(course.id, after.quizId) : null,
  };
}

/** Marks the lesson read; returns where reading goes next. */
export async function finishLesson(db: DB, user: SessionUser, course: Course, lesson: Lesson): Promise<string> {
  await completeLesson(db, user.id, course, lesson.id);
  const after = afterLesson(course, lesson.id);
  if (after.kind === "quiz") return paths.quiz(course.id, after.quizId);
  if (after.kind === "lesson") return paths.lesson(course.id, after.lessonId);
  return paths.course(course.id);
}

/** A quiz's page: its rules, the learner's attempts and best score; for staff previewing, every question with its key. */
export async function quizView(db: DB, user: SessionUser, course: Course, text: CourseText, quiz: Quiz, t: T, preview = false) {
  const { lang } = text;
  const status = await quizStatus(db, user.id, course.id, quiz);
  return {
    draft: course.status === "draft",
    preview: preview ? quizPreview(quiz, lang, t) : null,
    ...courseContext(course, text),
    title: quizTitle(course, quiz, lang, t),
    questionCount: questionsPerAttempt(quiz),
    passMark: quiz.passMark,
    // what the learner may use in all, one more for each attempt granted to them
    maxAttempts: quiz.maxAttempts === 0 ? 0 : quiz.maxAttempts + status.granted,
    granted: status.granted,
    used: status.used,
    remaining: status.remaining,
    bestPercent: status.bestPercent === null ? null : Math.round(status.bestPercent),
    passed: status.passed,
    openAttempt: status.open ? paths.attempt(course.id, quiz.id, status.open.id) : null,
    history: status.attempts.map((a) => ({
      number: a.attempt_number,
      path: paths.attempt(course.id, quiz.id, a.id),
      percent: a.score_percent === null ? null : Math.round(a.score_percent),
      passed: a.passed === 1,
    })),
  };
}

/** Starts (or resumes) an attempt: its path, or null when no attempt is left. */
export async function startQuiz(db: DB, user: SessionUser, course: Course, quiz: Quiz): Promise<string | null> {
  const result = await startAttempt(db, user.id, course, quiz);
  return result.ok ? paths.attempt(course.id, quiz.id, result.attemptId) : null;
}

async function attemptOr404(db: DB, user: SessionUser, quiz: Quiz, attemptId: string | undefined) {
  const view = attemptId ? await getAttempt(db, user.id, quiz, attemptId) : null;
  if (!view) throw notFound();
  return view;
}

/** An attempt: the current question, the feedback just earned, or the result with a review. */
export async function attemptView(db: DB, user: SessionUser, course: Course, text: CourseText, quizId: string | undefined, attemptId: string | undefined, answeredId: string | null, t: T) {
  const { lang } = text;
  const quiz = quizOr404(course, quizId);
  const view = await attemptOr404(db, user, quiz, attemptId);
  const feedbackFor = (id: string) => {
    const entry = view.questions.find((q) => q.question.id === id);
    const answer = view.answers.get(id);
    return entry && answer ? feedbackView(entry.question, answer.response, answer.correct, lang, t) : null;
  };
  const submitted = view.attempt.submitted_at !== null;
  // Immediate feedback shows the question just answered (named in ?answered=) before the next one.
  const justAnswered = quiz.feedback === "immediate" && answeredId ? feedbackFor(answeredId) : null;
  const currentIndex = view.current ? view.questions.findIndex((q) => q.question.id === view.current!.id) : -1;
  const next = submitted ? (await getCourseProgress(db, user.id, course)).next : null;
  return {
    ...courseContext(course, text),
    quizPath: paths.quiz(course.id, quiz.id),
    attemptPath: paths.attempt(course.id, quiz.id, view.attempt.id),
    title: quizTitle(course, quiz, lang, t),
    feedbackMode: quiz.feedback,
    total: view.questions.length,
    current:
      view.current && !submitted ? { number: currentIndex + 1, question: questionView(view.current, view.questions[currentIndex]!.optionOrder, lang, view.questions[currentIndex]!.promptOrder) } : null,
    justAnswered,
    result: submitted
      ? {
          percent: Math.round(view.attempt.score_percent ?? 0),
          passed: view.attempt.passed === 1,
          correct: view.attempt.correct_count ?? 0,
          total: view.attempt.question_count,
          passMark: quiz.passMark,
          review: view.questions.flatMap((q) => feedbackFor(q.question.id) ?? []),
          nextPath: next && next.kind !== "done" ? nextStepPath(course.id, next) : null,
        }
      : null,
  };
}

/** Records an answer; on success, where to go next (with the feedback to show, in immediate mode). */
export async function submitAnswer(db: DB, user: SessionUser, course: Course, quizId: string | undefined, attemptId: string | undefined, questionId: string, form: FormData) {
  const quiz = quizOr404(course, quizId);
  const view = await attemptOr404(db, user, quiz, attemptId);
  const result = await answerQuestion(db, user.id, course, quiz, view.attempt.id, questionId, form);
  if (!result.ok) return result;
  const here = paths.attempt(course.id, quiz.id, view.attempt.id);
  return { ok: true as const, next: quiz.feedback === "immediate" ? `${here}?${new URLSearchParams({ answered: questionId })}` : here };
}
