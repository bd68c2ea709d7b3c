// Demo data for `npm start`: one account per role (listed in README.md) and a learner part-way
// through the demo course. Safe to run again: existing accounts and progress are left as they are.
import { getConfig } from "../app/config.server";
import { createUser, findUserByEmail } from "../app/auth/users.server";
import { loadCatalogFromDisk } from "../app/content/loader.server";
import { completeLesson, enrol, recordLessonView } from "../app/learning/progress.server";
import type { Role } from "../db/schema";
import { migrateToLatest, openDatabase } from "../db/index";

export const DEMO_ACCOUNTS: { email: string; name: string; role: Role; password: string }[] = [
  { email: "learner@example.org", name: "Amina Learner", role: "learner", password: "learner-demo-2026" },
  { email: "instructor@example.org", name: "Ivan Instructor", role: "instructor", password: "instructor-demo-2026" },
  { email: "manager@example.org", name: "Maria Manager", role: "manager", password: "manager-demo-2026" },
  { email: "admin@example.org", name: "Ade Admin", role: "admin", password: "admin-demo-2026" },
];

const config = getConfig();
const { db, sqlite } = openDatabase(config.databasePath);
await migrateToLatest(db);
let created = 0;
for (const account of DEMO_ACCOUNTS) {
  if (await findUserByEmail(db, account.email)) continue;
  const result = await createUser(db, { ...account, locale: "en" }, config.PASSWORD_HASH_COST);
  if (!result.ok) continue;
  created++;
  if (account.role === "learner") {
    const { catalog } = loadCatalogFromDisk(config.COURSES_DIR);
    const course = catalog.byId.get("first-steps") ?? catalog.courses[0];
    const first = course?.lessons[0];
    if (course && first) {
      await enrol(db, result.user.id, course.id);
      await recordLessonView(db, result.user.id, course.id, first.id);
      await completeLesson(db, result.user.id, course, first.id);
    }
  }
}
console.log(`Demo data: ${created} account(s) created, ${DEMO_ACCOUNTS.length - created} already there (${config.databasePath}).`);
sqlite.close();
