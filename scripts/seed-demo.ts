// Demo data for `npm start`: one account per role (listed in README.md) and a learner part-way
// through the demo course. Safe to run again: existing accounts and progress are left as they are.
import { getConfig } from "../app/config.server";
import { createUser, findUserByEmail } from "../app/auth/users.server";
import { acceptPersonalInvitation, createCohort, importParticipants, listCohorts, listInvitations } from "../app/cohorts/cohorts.server";
import { parseParticipantsCsv } from "../app/cohorts/csv";
import { loadCatalogFromDisk } from "../app/content/loader.server";
import { completeLesson, enrol, recordLessonView } from "../app/learning/progress.server";
import { answerQuestion, startAttempt } from "../app/learning/quiz.server";
import type { FormLike } from "../app/learning/grading";
import type { Question } from "../app/content/types";
import { getCertificateFor } from "../app/certificates/certificates.server";
import { migrateToLatest, openTarget } from "../db/index";
import { DEMO_ACCOUNTS, DEMO_COHORT, DEMO_GRADUATE } from "./demo-accounts";
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
  if (account.role === "learner" && account.email !== DEMO_GRADUATE) {
    const course = catalog.byId.get("essentials") ?? catalog.courses[0];
    const first = course?.lessons[0];
    if (course && first) {
      await enrol(db, result.user.id, course.id);
      await recordLessonView(db, result.user.id, course.id, first.id);
      await completeLesson(db, result.user.id, course, first.id);
    }
  }
}
/** The fields of a right answer to `q`, as the quiz form sends them. */
function rightAnswer(q: Question): FormLike {
  const fields: Record<string, string | string[]> =
    q.type === "single" || q.type === "multiple"
      ? { answer: q.answer }
      : q.type === "truefalse"
        ? { answer: String(q.answer) }
        : q.type === "text"
          ? { answer: q.answer[0] ?? "" }
          : q.type === "ordering"
            ? Object.fromEntries(q.answer.map((id, i) => [`position.${id}`, String(i + 1)]))
            : Object.fromEntries(Object.entries(q.answer).map(([prompt, option]) => [`match.${prompt}`, option]));
  return { get: (n) => [fields[n] ?? []].flat()[0] ?? null, getAll: (n) => [fields[n] ?? []].flat() };
}

// The demo graduate has read every lesson of the demo course and passed every quiz, through the same
// services a learner's clicks go through, so her certificate is issued as anyone's is.
const graduate = await findUserByEmail(db, DEMO_GRADUATE);
const graduateCourse = catalog.byId.get("essentials") ?? catalog.courses.find((c) => c.certificate);
if (graduate && graduateCourse && !(await getCertificateFor(db, graduate.id, graduateCourse.id))) {
  await enrol(db, graduate.id, graduateCourse.id);
  for (const lesson of graduateCourse.lessons) await completeLesson(db, graduate.id, graduateCourse, lesson.id);
  for (const quiz of graduateCourse.quizzes) {
    const start = await startAttempt(db, graduate.id, graduateCourse, quiz);
    if (!start.ok) continue;
    for (const q of quiz.questions) await answerQuestion(db, graduate.id, graduateCourse, quiz, start.attemptId, q.id, rightAnswer(q));
  }
  const cert = await getCertificateFor(db, graduate.id, graduateCourse.id);
  console.log(cert ? `Demo graduate ${DEMO_GRADUATE} holds certificate ${cert.code}.` : `Demo graduate ${DEMO_GRADUATE}: no certificate was issued.`);
}

// The demo instructor looks after every course, so that the teaching pages show something at once.
const instructor = await findUserByEmail(db, "instructor@example.org");
if (instructor) for (const course of catalog.courses) await assignInstructor(db, course.id, instructor.email);

// A demo cohort for the demo manager, with the demo learner and two officials who have not registered.
const manager = await findUserByEmail(db, "manager@example.org");
const demoCourse = catalog.byId.get("essentials") ?? catalog.courses[0];
if (manager && demoCourse && (await listCohorts(db, manager)).length === 0) {
  const cohortId = await createCohort(db, manager, {
    name: DEMO_COHORT,
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
