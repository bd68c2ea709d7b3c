import { can, type Permission } from "~/auth/permissions";
import type { Role } from "@db/schema";
import type { MessageKey } from "~/i18n";
import { paths } from "./links";

/** The header's staff links, each shown to those who hold the permission its page asks for. */
const STAFF_NAV: { to: string; label: MessageKey; permission: Permission }[] = [
  { to: paths.manage, label: "nav.manage", permission: "cohorts.manage" },
  { to: paths.teach, label: "nav.teach", permission: "questions.analyse" },
  { to: paths.reviews, label: "nav.reviews", permission: "exercises.review" },
  { to: paths.adminUsers, label: "admin.users.title", permission: "users.manage" },
  { to: paths.adminCertificates, label: "admin.certs.title", permission: "certificates.revoke" },
  { to: paths.adminCourses, label: "admin.courses.title", permission: "staff.assign" },
  { to: paths.adminAudit(), label: "audit.title", permission: "audit.read" },
  { to: paths.adminBackups, label: "admin.backups.title", permission: "backups.manage" },
];

export type NavItem = { to: string; label: MessageKey; count?: number };

/** The links `role` may follow; "Reviews" carries the number of drafts waiting (`reviewsWaiting`). */
export function navigationFor(role: Role, reviewsWaiting = 0): NavItem[] {
  return STAFF_NAV.filter((item) => can(role, item.permission)).map(({ to, label }) => (label === "nav.reviews" && reviewsWaiting > 0 ? { to, label: "nav.reviewsWaiting", count: reviewsWaiting } : { to, label }));
}
