import type { Role } from "@db/schema";

export { ROLES } from "@db/schema";

/**
 * Every capability beyond one's own learning, and who holds it: "any" over every record, "own" over
 * the records assigned to them (a manager's own cohorts, an instructor's assigned courses).
 * Learners act only on their own records, which needs no permission.
 */
const MATRIX = {
  "course.viewDraft": { instructor: "any", admin: "any" },
  "content.health": { instructor: "any", admin: "any" },
  "questions.analyse": { instructor: "own", admin: "any" },
  "exercises.review": { instructor: "own", admin: "any" },
  "cohorts.manage": { manager: "own", admin: "any" },
  "users.manage": { admin: "any" },
  // A one-time link to set a new password: an admin for anyone, a manager for the learners who
  // accepted a place in their cohorts (never staff, whose accounts could reach other people's data).
  "passwords.reset": { manager: "own", admin: "any" },
  // One more quiz attempt for a learner who used them all: a manager for the learners who accepted a
  // place in their cohorts (the cohort's courses), an instructor for the courses assigned to them.
  "attempts.grant": { instructor: "own", manager: "own", admin: "any" },
  "staff.assign": { admin: "any" },
  "certificates.revoke": { admin: "any" },
  "audit.read": { admin: "any" },
  "backups.manage": { admin: "any" },
} as const satisfies Record<string, Partial<Record<Role, "own" | "any">>>;

export type Permission = keyof typeof MATRIX;
export type Scope = "own" | "any";

/** How far `role` holds `permission`, or null when it does not. */
export function scopeOf(role: Role, permission: Permission): Scope | null {
  return (MATRIX[permission] as Partial<Record<Role, Scope>>)[role] ?? null;
}

export function can(role: Role, permission: Permission): boolean {
  return scopeOf(role, permission) !== null;
}
