import type { Role } from "../db/schema";

// The demo accounts (listed in README.md), importable without seeding anything: the seed script
// creates them and the browser tests sign in with them.
export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; password: string }[] = [
  { email: "learner@example.org", name: "Amina Learner", role: "learner", password: "learner-demo-2026" },
  { email: "instructor@example.org", name: "Ivan Instructor", role: "instructor", password: "instructor-demo-2026" },
  { email: "manager@example.org", name: "Maria Manager", role: "manager", password: "manager-demo-2026" },
  { email: "admin@example.org", name: "Ade Admin", role: "admin", password: "admin-demo-2026" },
  // Has completed the demo course and holds its certificate and signed Open Badge (issue 16).
  { email: "graduate@example.org", name: "Grace Graduate", role: "learner", password: "graduate-demo-2026" },
];

export const DEMO_GRADUATE = "graduate@example.org";

/** The demo manager's cohort (with the demo learner, who accepted her place, and two who have not). */
export const DEMO_COHORT = "Demo cohort 2026";
