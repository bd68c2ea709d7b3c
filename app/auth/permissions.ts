import type { Role } from "@db/schema";

/** Who may do what beyond their own learning. Learners may only act on their own records. */
const MATRIX = {
  "course.viewDraft": ["instructor", "admin"],
  "users.manage": ["admin"],
  "cohorts.manage": ["manager", "admin"],
  "questions.analyse": ["instructor", "admin"],
  "exercises.review": ["instructor", "admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof MATRIX;

export function can(role: Role, permission: Permission): boolean {
  return (MATRIX[permission] as readonly Role[]).includes(role);
}
