// Demo data for `npm start`: one account per role (listed in README.md) and a learner part-way
// through the demo course. Safe to run again: existing accounts and progress are left as they are.
import { getConfig } from "../app/config.server";
import { createUser, findUserByEmail } from "../app/auth/users.server";
import { acceptPersonalInvitation, createCohort, importParticipants, listCohorts, listInvitations } from "../app/cohorts/cohorts.server";
import { parseParticipantsCsv } from "../app/cohorts/csv";
import { loadCatalogFromDisk } from "../app/content/loader.server";
import { completeLesson, enrol, recordLessonView } from "../app/learning/progress.server";
import { migrateToLatest, openTarget } from "../db/index";
import { DEMO_ACCOUNTS } from "./demo-accounts";
import { assignInstructor } from "../app/teaching/staff.server";

const config = getConfig();
const database = openTarget(config.database);
const { db } = database;
await migrateToLatest(db);
const { catalog } = loadCatalogFromDisk(config.COURSES_DIR);
let created = 0;
for (const account of DEMO_ACCOUNTS) {
  if (await findUserByEmail(db, account.email)) continue;
  const result = await createUser(db, { ...account, locale: "en" }, config.PASSWORD_HASH_COST);
  if (!result.ok) continue;
  created++;
  if (account.role === "learner") {
    const course = catalog.byId.get("essentials") ?? catalog.courses[0];
    const first = course?.lessons[0];
    if (course && first) {
      await enrol(db, result.user.id, course.id);
      await recordLessonView(db, result.user.id, course.id, first.id);
      await completeLesson(db, result.user.id, course, first.id);
    }
  }
}
// The demo instructor looks after every course, so that the teaching pages show something at once.
const instructor = await findUserByEmail(db, "instructor@example.org");
if (instructor) for (const course of catalog.courses) await assignInstructor(db, course.id, instructor.email);

// A demo cohort for the demo manager, with the demo learner and two officials who have not registered.
const manager = await findUserByEmail(db, "manager@example.org");
const demoCourse = catalog.byId.get("essentials") ?? catalog.courses[0];
if (manager && demoCourse && (await listCohorts(db, manager)).length === 0) {
  const cohortId = await createCohort(db, manager, {
    name: "Demo cohort 2026",
    programme: "Demo capacity-building programme",
    starts_on: "2026-01-15",
    ends_on: "2026-12-15",
    courses: [demoCourse.id],
  });
  const { rows } = parseParticipantsCsv(
    [
      "name,email,country,organisation type,gender",
      "Amina Learner,learner@example.org,SN,mfa,female",
      "Kofi Mensah,kofi.mensah@example.org,GH,csirt,male",
      "Lucía Fernández,lucia.fernandez@example.org,PY,regulator,prefer_not_to_say",
    ].join("\n"),
  );
  await importParticipants(db, cohortId, rows);
  // The demo learner has accepted her personal invitation, as she would by following its link;
  // the two others have not yet.
  const learner = await findUserByEmail(db, "learner@example.org");
  const token = (await listInvitations(db, cohortId)).find((i) => i.email === "learner@example.org")?.invite_token;
  if (learner && token) await acceptPersonalInvitation(db, learner, token);
  console.log("Demo cohort created for manager@example.org.");
}
console.log(`Demo data: ${created} account(s) created, ${DEMO_ACCOUNTS.length - created} already there (${config.databasePath}).`);
await database.close();
