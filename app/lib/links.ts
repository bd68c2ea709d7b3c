import type { NextStep } from "~/learning/progress";

const withQuery = (path: string, query?: URLSearchParams | string) => {
  const q = query?.toString();
  return q ? `${path}?${q}` : path;
};
const back = (path: string, redirectTo?: string | null) => withQuery(path, redirectTo ? new URLSearchParams({ redirectTo }) : undefined);

/** Every path of the site, in one place: a page links to another only through these. */
export const paths = {
  home: "/",
  dashboard: "/dashboard",
  /** My learning after accepting an invitation, saying whether the learner joined or was already in */
  joined: (already: boolean) => `/dashboard?joined=${already ? "already" : "new"}`,
  profile: "/profile",
  /** the signed-in person's own data, as a download (decision 022) */
  myData: (format: "json" | "csv") => `/profile/data.${format}`,
  language: "/language",
  logout: "/logout",
  login: (redirectTo?: string | null) => back("/login", redirectTo),
  register: (redirectTo?: string | null) => back("/register", redirectTo),
  forgotPassword: "/forgot-password",
  resetPassword: (token: string) => `/reset-password/${token}`,
  /** where a used reset link lands: the profile, saying the new password is set */
  passwordWasReset: "/profile?password=reset",
  join: "/join",
  joinCode: (code: string) => `/join/${code}`,
  invitation: (token: string) => `/invitations/${token}`,

  course: (courseId: string) => `/courses/${courseId}`,
  glossary: (courseId: string) => `/courses/${courseId}/glossary`,
  lesson: (courseId: string, lessonId: string) => `/courses/${courseId}/lessons/${lessonId}`,
  /** a module's lessons as one HTML file, to read offline (decision 034) */
  moduleFile: (courseId: string, moduleId: string) => `/courses/${courseId}/modules/${moduleId}.html`,
  quiz: (courseId: string, quizId: string) => `/courses/${courseId}/quizzes/${quizId}`,
  attempt: (courseId: string, quizId: string, attemptId: string) => `/courses/${courseId}/quizzes/${quizId}/attempts/${attemptId}`,
  exercise: (courseId: string, exercise: { id: string; type: "drafting" | "scenario" }) =>
    `/courses/${courseId}/${exercise.type === "scenario" ? "scenarios" : "exercises"}/${exercise.id}`,
  exerciseExport: (courseId: string, exerciseId: string) => `/courses/${courseId}/exercises/${exerciseId}/export`,
  /** where the drafting page saves by itself (fetcher and beacon) */
  exerciseAutosave: (courseId: string, exerciseId: string) => `/courses/${courseId}/exercises/${exerciseId}/autosave`,

  certificatePdf: (code: string, size: "a4" | "letter" = "a4") => withQuery(`/certificates/${code}.pdf`, size === "letter" ? "size=letter" : undefined),
  badge: (code: string) => `/certificates/${code}/badge.jwt`,
  verify: (code: string) => `/verify/${code}`,
  verifyFile: "/verify",
  badgeImage: (courseId: string) => `/badges/${courseId}.svg`,
  achievement: (courseId: string, lang: string) => `/badges/${courseId}.json?lang=${encodeURIComponent(lang)}`,
  statusList: (list: number) => `/credentials/status/${list}`,
  didDocument: "/.well-known/did.json",

  manage: "/manage",
  cohort: (cohortId: string) => `/manage/cohorts/${cohortId}`,
  /** the cohort page, with the participants' search and page (and a notice after a change) */
  cohortPage: (cohortId: string, query?: URLSearchParams | string) => withQuery(`/manage/cohorts/${cohortId}`, query),
  cohortEdit: (cohortId: string) => `/manage/cohorts/${cohortId}/edit`,
  /** one participant's place, named by the address the cohort lists */
  cohortParticipant: (cohortId: string, email: string, extra?: Record<string, string>) =>
    withQuery(`/manage/cohorts/${cohortId}/participant`, new URLSearchParams({ email, ...extra })),
  cohortReport: (cohortId: string, query?: URLSearchParams | string) => withQuery(`/manage/cohorts/${cohortId}/report`, query),
  cohortReportCsv: (cohortId: string, query: URLSearchParams | string) => withQuery(`/manage/cohorts/${cohortId}/report.csv`, query),
  cohortSummary: (cohortId: string, query?: URLSearchParams | string) => withQuery(`/manage/cohorts/${cohortId}/summary`, query),
  cohortSummaryPdf: (cohortId: string, query?: URLSearchParams | string) => withQuery(`/manage/cohorts/${cohortId}/summary.pdf`, query),
  cohortQuestions: (cohortId: string, query?: URLSearchParams | string) => withQuery(`/manage/cohorts/${cohortId}/questions`, query),
  cohortInvitationsCsv: (cohortId: string) => `/manage/cohorts/${cohortId}/invitations.csv`,

  teach: "/teach",
  teachQuestions: (courseId: string) => `/teach/courses/${courseId}/questions`,
  teachAttempts: (courseId: string, query?: string) => withQuery(`/teach/courses/${courseId}/attempts`, query),
  health: "/teach/health",
  reviews: "/teach/reviews",
  /** the review queue after a decision, saying whether the learner was emailed */
  reviewsAfter: (mail: "sent" | "failed" | "off") => (mail === "off" ? "/teach/reviews" : `/teach/reviews?mail=${mail}`),
  review: (userId: string, courseId: string, exerciseId: string) => `/teach/reviews/${userId}/${courseId}/${exerciseId}`,

  adminUsers: "/admin/users",
  /** the list after an account was deleted, saying so */
  adminUsersAfterDelete: "/admin/users?deleted=1",
  adminUser: (userId: string) => `/admin/users/${userId}`,
  adminCertificates: "/admin/certificates",
  adminCourses: "/admin/courses",
  adminAudit: (query?: URLSearchParams | string) => withQuery("/admin/audit", query),
  adminAuditCsv: (query?: URLSearchParams | string) => withQuery("/admin/audit.csv", query),
  adminBackups: "/admin/backups",
} as const;

/** Where "continue" leads in a course. */
export function nextStepPath(courseId: string, next: NextStep): string {
  switch (next.kind) {
    case "lesson":
      return paths.lesson(courseId, next.lessonId);
    case "quiz":
      return next.attemptId ? paths.attempt(courseId, next.quizId, next.attemptId) : paths.quiz(courseId, next.quizId);
    case "done":
      return paths.course(courseId);
  }
}
