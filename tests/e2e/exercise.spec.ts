import { expect, test } from "@playwright/test";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { login, logout, register } from "./helpers";

// The drafting exercise of the CBM course (courses/cbms/04-first-cbms/exercise.yaml).
const course = loadCatalogFromDisk("courses").catalog.byId.get("cbms")!;
const exercise = course.exercisesById.get("ex-cbm-first-year-plan")!;
const exercisePath = `/courses/${course.id}/exercises/${exercise.id}`;

test("a learner's draft survives a failed submit and a new session, and a reviewer's comment comes back", async ({ page, browser }, info) => {
  const email = `drafter-${info.project.name}-${Date.now()}@example.org`;
  const password = "a sentence long enough";
  await register(page, "Drafting Learner", email, password);
  await page.goto(`/courses/${course.id}`);
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await page.getByRole("link", { name: "Draft your ministry's first-year CBM plan" }).click();

  const objective = "Make our ministry a reachable partner on ICT security within twelve months.";
  await page.getByLabel("Objective of the plan").fill(objective);
  await page.getByLabel("Measure, Row 1").fill("Nominate points of contact");
  await page.getByLabel("Owner, Row 1").fill("Director, International Security");

  if (info.project.name === "js-on") {
    // With JavaScript the draft saves itself shortly after typing stops (a few seconds; longer while
    // the other browser tests load the 2-core machine and the new service worker saves pages ahead).
    await expect(page.getByText(/Saved automatically at/)).toBeVisible({ timeout: 25_000 });
  } else {
    await page.getByRole("button", { name: "Save draft" }).click();
    await expect(page.getByText("Draft saved.")).toBeVisible();
  }

  // Submitting too early is refused, and nothing typed is lost.
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText(/Your draft is saved, but it cannot be submitted yet/)).toBeVisible();
  await expect(page.getByLabel("Objective of the plan")).toHaveValue(objective);

  // Log out, log back in: the draft is there.
  await logout(page);
  await login(page, email, password, exercisePath);
  await expect(page.getByLabel("Objective of the plan")).toHaveValue(objective);
  await expect(page.getByLabel("Owner, Row 1")).toHaveValue("Director, International Security");

  // Complete and submit.
  await page.getByLabel("Where your country stands today").fill("We joined the UN framework; our CSIRT exists since 2019.");
  await page.getByLabel("Risks and how you will keep the plan going").fill("Staff turnover: the plan names posts, and the director reviews it each quarter.");
  await page.getByRole("button", { name: "Submit for review" }).click();
  await expect(page.getByText("Submitted for review").first()).toBeVisible();

  // The export is a document with what was written.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Export as a document" }).click()]);
  expect(await download.suggestedFilename()).toBe(`${exercise.id}.html`);

  // The demo instructor returns it with a comment.
  const reviewer = await browser.newContext({ javaScriptEnabled: info.project.name !== "js-off" });
  const rp = await reviewer.newPage();
  await login(rp, "instructor@example.org", "instructor-demo-2026", "/teach/reviews");
  await rp.getByRole("listitem").filter({ hasText: "Drafting Learner" }).first().getByRole("link", { name: "Read and review" }).click();
  await expect(rp.getByText(objective)).toBeVisible();
  const comment = `Name the point of contact's post precisely (${info.project.name}).`;
  await rp.getByLabel("Comment for the learner").fill(comment);
  await rp.getByRole("button", { name: "Return for revision" }).click();
  await expect(rp.getByRole("heading", { level: 1, name: "Exercises to review" })).toBeVisible();
  await reviewer.close();

  // The learner sees the comment and can edit again.
  await page.goto(exercisePath);
  await expect(page.getByText("Returned for revision")).toBeVisible();
  await expect(page.getByText(comment)).toBeVisible();
  await expect(page.getByLabel("Objective of the plan")).toBeEditable();
});
