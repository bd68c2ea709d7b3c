import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { finishAttempt, loginAs } from "./helpers";

const course = loadCatalogFromDisk("courses").catalog.byId.get("essentials")!;
const quiz = course.quizzesById.get("quiz-framework")!;

// Issue 13: a manager withdraws an invitation, removes a participant, and grants one more attempt to
// a learner who used all three; the learner is told she may try once more.
test("a manager withdraws an invitation, removes a participant and grants a learner one more quiz attempt", async ({ page, browser }, info) => {
  test.setTimeout(180_000);
  const js = info.project.name === "js-on";
  const tag = `${info.project.name}-${Date.now()}`;
  const learnerEmail = `retry-${tag}@example.org`;
  const leaverEmail = `leaver-${tag}@example.org`;

  await loginAs(page, "manager", "/manage");
  await page.getByLabel("Cohort name").fill(`Retry cohort ${tag}`);
  await page.getByLabel("Programme").fill("Demo donor programme");
  await page.getByLabel("Start date").fill("2026-01-01");
  await page.getByLabel("End date").fill("2026-12-31");
  await page.getByLabel(course.title.en!).check();
  await page.getByRole("button", { name: "Create the cohort" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Retry cohort ${tag}` })).toBeVisible();
  const csv = `name,email\nRita Retry,${learnerEmail}\nLeo Leaver,${leaverEmail}\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "participants.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page.getByRole("heading", { name: "Participants (2)" })).toBeVisible();
  const cohortUrl = new URL(page.url()).pathname;
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the invitation links/ }).click()]);
  const lines = fs.readFileSync((await download.path())!, "utf8").split("\r\n");
  const linkOf = (email: string) => new URL(lines.find((l) => l.includes(email))!.split(",").at(-1)!).pathname;

  // Rita accepts and uses every attempt at the first quiz without passing.
  const learner = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  await learner.goto(linkOf(learnerEmail));
  await learner.getByRole("link", { name: "Register" }).last().click();
  await learner.getByLabel("Full name").fill("Rita Retry");
  await learner.getByLabel("Email address").fill(learnerEmail);
  await learner.getByLabel("Password", { exact: true }).fill("a sentence long enough");
  await learner.getByRole("button", { name: "Create my account" }).click();
  await learner.getByRole("button", { name: "Accept and join this cohort" }).click();
  await expect(learner.getByRole("heading", { level: 1, name: "My learning" })).toBeVisible();
  const quizPath = `/courses/essentials/quizzes/${quiz.id}`;
  for (let i = 0; i < quiz.maxAttempts; i++) {
    await learner.goto(quizPath);
    await learner.getByRole("button", { name: i === 0 ? "Start the quiz" : "Start a new attempt" }).click();
    await finishAttempt(learner, quiz, false);
  }
  await learner.goto(quizPath);
  await expect(learner.getByText("You have used all your attempts at this quiz.")).toBeVisible();

  // The manager finds Leo with the search, withdraws his invitation, then removes him after confirming.
  await page.goto(cohortUrl);
  await page.getByLabel("Search by name, email or organisation").fill("leaver");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("1 participant matches “leaver”.")).toBeVisible();
  await page.getByRole("link", { name: "Leo Leaver" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Leo Leaver" })).toBeVisible();
  await page.getByRole("button", { name: "Withdraw the invitation link" }).click();
  await expect(page.getByRole("status")).toHaveText("The invitation is withdrawn: its link no longer works.");
  const visitor = await (await browser.newContext({ javaScriptEnabled: js })).newPage();
  const withdrawn = await visitor.goto(linkOf(leaverEmail));
  expect(withdrawn?.status()).toBe(410);
  await expect(visitor.getByRole("heading", { level: 1, name: `Invitation to Retry cohort ${tag} withdrawn` })).toBeVisible();
  await visitor.context().close();

  await page.getByRole("link", { name: "Remove Leo Leaver from the cohort…" }).click();
  await expect(page.getByText(`Remove Leo Leaver from Retry cohort ${tag}?`)).toBeVisible();
  await page.getByRole("button", { name: "Yes, remove from the cohort" }).click();
  await expect(page.getByRole("status")).toContainText("The participant was removed from the cohort.");
  await expect(page.getByRole("heading", { name: "Participants (1)" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: leaverEmail })).toHaveCount(0);

  // One more attempt for Rita: a reason is required.
  await page.getByRole("link", { name: "Rita Retry" }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Quiz attempts" })).toBeVisible();
  await expect(page.getByText(`Every attempt used: ${quiz.maxAttempts} of ${quiz.maxAttempts}.`)).toBeVisible();
  await page.getByRole("button", { name: "Grant one more attempt" }).click();
  await expect(page.getByText("Give the reason (up to 500 characters).")).toBeVisible();
  await page.getByLabel("Reason for one more attempt (recorded)").fill("Her connection dropped during the last attempt.");
  await page.getByRole("button", { name: "Grant one more attempt" }).click();
  await expect(page.getByRole("status")).toHaveText("One more attempt granted. The learner's quiz page now offers it.");
  await expect(page.getByText("This participant has attempts left at every quiz of the cohort's courses.")).toBeVisible();

  // Rita is told, and may start exactly one more attempt.
  await learner.goto(quizPath);
  await expect(learner.getByRole("status")).toHaveText("You were given one more attempt at this quiz: you may try again.");
  await expect(learner.getByText(`Attempts used: ${quiz.maxAttempts} of ${quiz.maxAttempts + 1}.`)).toBeVisible();
  await learner.getByRole("button", { name: "Start a new attempt" }).click();
  await finishAttempt(learner, quiz, false);
  await learner.goto(quizPath);
  await expect(learner.getByText("You have used all your attempts at this quiz.")).toBeVisible();
  await learner.context().close();
});
