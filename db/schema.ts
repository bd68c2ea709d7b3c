import type { Generated, Insertable, Selectable, Updateable } from "kysely";

// Portable column types only: text, integer (booleans as 0/1, times as epoch milliseconds), real.
// Content (courses, lessons, quizzes, questions) lives in files and is referred to by its stable id.

export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  role: "learner" | "instructor" | "manager" | "admin";
  locale: string;
  created_at: number;
  /** ISO 3166-1 alpha-2 */
  country: string | null;
  organisation: string | null;
  org_type: OrgType | null;
  gender: Gender | null;
  /** set while an administrator has disabled the account: it cannot sign in (decision 022) */
  disabled_at: Generated<number | null>;
  /** set once the account is deleted: its row stays, anonymised, for the reports' totals (decision 022) */
  deleted_at: Generated<number | null>;
}

export const ORG_TYPES = ["mfa", "csirt", "regulator", "other_ministry", "other"] as const;
export type OrgType = (typeof ORG_TYPES)[number];
export const GENDERS = ["female", "male", "other", "prefer_not_to_say"] as const;
export type Gender = (typeof GENDERS)[number];

export interface SessionsTable {
  /** SHA-256 of the session id (app/auth/adapter.server.ts) */
  id: string;
  user_id: string;
  expires_at: number;
  created_at: Generated<number>;
  /** the browser's User-Agent when the session began, shortened; shown to its owner */
  user_agent: string | null;
}

/** Failed sign-ins per key ("email:…", "ip:…", "device:…", "register:…"); see app/auth/throttle.server.ts. */
export interface LoginThrottleTable {
  key: string;
  failures: number;
  last_failure_at: number;
  next_allowed_at: number;
}

/** Browsers that signed in to an account before: their sign-ins skip the account's delay. */
export interface LoginDevicesTable {
  /** SHA-256 of the device cookie's token */
  token_hash: string;
  user_id: string;
  created_at: number;
  last_used_at: number;
}

/** One-time links to set a new password (app/auth/passwords.server.ts). */
export interface PasswordResetsTable {
  /** SHA-256 of the link's token: the database holds nothing that would open the link */
  token_hash: string;
  user_id: string;
  /** the administrator or cohort manager who issued it; null when its owner asked for it by email */
  created_by: string | null;
  created_at: number;
  expires_at: number;
}

export interface EnrolmentsTable {
  user_id: string;
  course_id: string;
  enrolled_at: number;
  last_activity_at: number;
  last_lesson_id: string | null;
  completed_at: number | null;
  /** first lesson view or quiz attempt */
  started_at: number | null;
  /** what the reports read of the progress (migration 0019, app/learning/summaries.server.ts): JSON array of the module ids completed, sorted */
  modules_done: Generated<string>;
  /** JSON object: quiz id → [best score 0–100, submitted attempts] */
  quizzes: Generated<string>;
}

export interface ModuleProgressTable {
  user_id: string;
  course_id: string;
  module_id: string;
  completed_at: number;
}

export interface LessonProgressTable {
  user_id: string;
  course_id: string;
  lesson_id: string;
  first_viewed_at: number;
  completed_at: number | null;
}

export interface QuizAttemptsTable {
  id: string;
  user_id: string;
  course_id: string;
  quiz_id: string;
  attempt_number: number;
  /** JSON: the question order and each question's option order for this attempt. */
  layout: string;
  started_at: number;
  submitted_at: number | null;
  question_count: number;
  correct_count: number | null;
  score_percent: number | null;
  passed: number | null;
}

export interface QuizAnswersTable {
  attempt_id: string;
  question_id: string;
  /** JSON of the learner's response, as validated against the question. */
  response: string;
  correct: number;
  answered_at: number;
}

export interface CohortsTable {
  id: string;
  name: string;
  programme: string;
  starts_on: string;
  ends_on: string;
  created_by: string;
  created_at: number;
}

export interface CohortCoursesTable {
  cohort_id: string;
  course_id: string;
}

export interface CohortManagersTable {
  cohort_id: string;
  user_id: string;
}

/** An instructor who looks after a course: sees its question results and reviews its exercises. */
export interface CourseInstructorsTable {
  course_id: string;
  user_id: string;
  assigned_at: number;
}

export interface CohortParticipantsTable {
  cohort_id: string;
  email: string;
  name: string;
  country: string | null;
  organisation: string | null;
  org_type: OrgType | null;
  gender: Gender | null;
  /** set only when the person accepted (a personal invitation, or joining with a code) */
  user_id: string | null;
  source: "csv" | "invite";
  added_at: number;
  /** the personal invitation's secret, for places listed by a manager and not yet accepted */
  invite_token: string | null;
  accepted_at: number | null;
  /** when the personal invitation was last emailed (issue 13); null if never */
  invite_emailed_at: Generated<number | null>;
}

export interface CohortInvitesTable {
  code: string;
  cohort_id: string;
  expires_at: number;
  max_uses: number;
  uses: Generated<number>;
  created_at: number;
}

export interface CertificatesTable {
  id: string;
  code: string;
  user_id: string;
  course_id: string;
  learner_name: string;
  /** JSON: language → course title */
  course_title: string;
  hours: number;
  programme: string;
  issued_at: number;
  revoked_at: number | null;
  revoked_reason: string | null;
  /** its place in a Bitstring Status List (decision 027): list number from 1, and bit index */
  status_list: number | null;
  status_index: number | null;
  /** sha256$hex(email + salt) of the learner's email at issue, and the salt (hex) */
  recipient_hash: string | null;
  recipient_salt: string | null;
}

/** The Open Badge issuer's Ed25519 keys, as JWK JSON; kid is the RFC 7638 thumbprint (decision 026). */
export interface IssuerKeysTable {
  kid: string;
  public_jwk: string;
  /** null once retired, and for a key supplied by ISSUER_KEY_FILE (never stored) */
  private_jwk: string | null;
  created_at: number;
  retired_at: number | null;
}

export interface BadgeCountersTable {
  name: string;
  value: number;
}

export type DraftStatus = "draft" | "submitted" | "returned" | "accepted";

export interface ExerciseDraftsTable {
  user_id: string;
  course_id: string;
  exercise_id: string;
  answers: string;
  status: DraftStatus;
  updated_at: number;
  submitted_at: number | null;
  reviewed_at: number | null;
}

export interface ExerciseCommentsTable {
  id: string;
  user_id: string;
  course_id: string;
  exercise_id: string;
  author_id: string;
  body: string;
  created_at: number;
}

export interface ScenarioRunsTable {
  id: string;
  user_id: string;
  course_id: string;
  exercise_id: string;
  /** JSON: the choices made, in order */
  path: string;
  current_step: string;
  started_at: number;
  finished_at: number | null;
}

/** Append-only: rows are inserted by app/admin/audit.server.ts and never changed. */
export interface AuditLogTable {
  id: string;
  at: number;
  actor_id: string | null;
  actor_email: string;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string;
  /** JSON: before/after values and other particulars */
  details: string;
}

/** One more attempt at a quiz, granted to a learner who used them all (app/learning/attempt-grants.server.ts). */
export interface QuizAttemptGrantsTable {
  id: string;
  user_id: string;
  course_id: string;
  quiz_id: string;
  /** the attempt it allows: unique per learner and quiz, so a grant opens exactly one */
  attempt_number: number;
  granted_by: string | null;
  reason: string;
  granted_at: number;
}

/** A personal invitation a manager withdrew: its link then says so (app/cohorts/cohorts.server.ts). */
export interface WithdrawnInvitationsTable {
  token: string;
  cohort_id: string;
  withdrawn_by: string | null;
  withdrawn_at: number;
}

/** Backups of the database (app/admin/backup.server.ts), newest last. */
export interface BackupsTable {
  id: Generated<number>;
  started_at: number;
  duration_ms: number;
  /** the absolute path written */
  file: string;
  size_bytes: number;
  tables: number;
  started_by: "command" | "admin";
  user_id: string | null;
  /** "ok", or the problems integrity_check (or the copy) reported */
  integrity: string;
}

export interface Database {
  users: UsersTable;
  sessions: SessionsTable;
  login_throttle: LoginThrottleTable;
  login_devices: LoginDevicesTable;
  password_resets: PasswordResetsTable;
  enrolments: EnrolmentsTable;
  lesson_progress: LessonProgressTable;
  quiz_attempts: QuizAttemptsTable;
  quiz_answers: QuizAnswersTable;
  quiz_attempt_grants: QuizAttemptGrantsTable;
  module_progress: ModuleProgressTable;
  certificates: CertificatesTable;
  issuer_keys: IssuerKeysTable;
  badge_counters: BadgeCountersTable;
  exercise_drafts: ExerciseDraftsTable;
  exercise_comments: ExerciseCommentsTable;
  scenario_runs: ScenarioRunsTable;
  cohorts: CohortsTable;
  cohort_courses: CohortCoursesTable;
  cohort_managers: CohortManagersTable;
  cohort_participants: CohortParticipantsTable;
  cohort_invites: CohortInvitesTable;
  withdrawn_invitations: WithdrawnInvitationsTable;
  course_instructors: CourseInstructorsTable;
  audit_log: AuditLogTable;
  backups: BackupsTable;
  kysely_migration: { name: string; timestamp: string };
  kysely_migration_lock: { id: string; is_locked: Generated<number> };
}

export type UserRow = Selectable<UsersTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
export type QuizAttemptRow = Selectable<QuizAttemptsTable>;
export type QuizAnswerRow = Selectable<QuizAnswersTable>;
export type Role = UsersTable["role"];
export const ROLES = ["learner", "instructor", "manager", "admin"] as const satisfies readonly Role[];
