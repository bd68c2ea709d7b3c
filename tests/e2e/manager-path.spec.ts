import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { extractText, getDocumentProxy } from "unpdf";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { loginAs, register } from "./helpers";

const course = loadCatalogFromDisk("courses").catalog.byId.get(process.env.E2E_COURSE ?? "essentials")!;

// Uses the demo manager account that the test server's seed creates (scripts/seed-demo.ts).
test("a manager creates a cohort, fixes a bad CSV, sees a learner's progress and downloads the CSV and the donor PDF", async ({ page, browser }, info) => {
  const tag = `${info.project.name}-${Date.now()}`;
  const learnerEmail = `official-${tag}@example.org`;

  await loginAs(page, "manager", "/manage");
  await expect(page.getByRole("heading", { level: 1, name: "Cohorts" })).toBeVisible();

  // An empty form is answered field by field.
  await page.getByRole("button", { name: "Create the cohort" }).click();
  await expect(page.getByText("Give the cohort a name")).toBeVisible();
  await expect(page.getByText("Choose at least one course.")).toBeVisible();

  await page.getByLabel("Cohort name").fill(`Cohort ${tag}`);
  await page.getByLabel("Programme").fill("Demo donor programme");
  await page.getByLabel("Start date").fill("2026-01-01");
  await page.getByLabel("End date").fill("2026-12-31");
  await page.getByLabel(course.title.en!).check();
  await page.getByRole("button", { name: "Create the cohort" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Cohort ${tag}` })).toBeVisible();

  // A file with a bad row: nothing is imported and the line is named.
  const bad = `name,email,country,organisation type,gender\nAmina Diallo,${learnerEmail},SN,mfa,female\nBroken Row,not-an-email,SN,mfa,\n`;
  await page.getByLabel("CSV file").setInputFiles({ name: "participants.csv", mimeType: "text/csv", buffer: Buffer.from(bad) });
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page.getByText("Nothing was imported.")).toBeVisible();
  await expect(page.getByText("Line 3: “not-an-email” is not a valid email address.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Participants (0)" })).toBeVisible();

  const fixed = bad.replace("not-an-email", `second-${tag}@example.org`);
  await page.getByLabel("CSV file").setInputFiles({ name: "participants.csv", mimeType: "text/csv", buffer: Buffer.from(fixed) });
  await page.getByRole("button", { name: "Check and import" }).click();
  await expect(page.getByText("Imported: 2 added, 0 updated.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Participants (2)" })).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: learnerEmail })).toContainText("Invitation not yet accepted");
  const cohortUrl = page.url();

  // Each listed person has a personal link, in a file for the manager's mail merge.
  const [invitations] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /Download the invitation links/ }).click()]);
  const links = fs.readFileSync((await invitations.path())!, "utf8");
  const link = links.split("\r\n").find((l) => l.includes(learnerEmail))!.split(",").at(-1)!;
  expect(link).toMatch(/\/invitations\/[A-Za-z0-9_-]{20,}$/);

  // The official follows her link, creates an account, accepts, and reads a lesson.
  const learner = await browser.newContext({ javaScriptEnabled: info.project.name !== "js-off" });
  const lp = await learner.newPage();
  await lp.goto(new URL(link).pathname);
  await expect(lp.getByText("this programme's managers will see your progress")).toBeVisible();
  await lp.getByRole("link", { name: "Register" }).last().click();
  await lp.getByLabel("Full name").fill("Amina Diallo");
  await lp.getByLabel("Email address").fill(learnerEmail);
  await lp.getByLabel("Password", { exact: true }).fill("a sentence long enough");
  await lp.getByRole("button", { name: "Create my account" }).click();
  await lp.getByRole("button", { name: "Accept and join this cohort" }).click();
  await lp.getByRole("link", { name: /Continue/ }).first().click();
  await lp.getByRole("button", { name: "Mark as read and continue" }).click();
  await learner.close();

  // The report shows her progress, and the CSV says the same.
  await page.goto(cohortUrl);
  await page.getByRole("link", { name: "Completion report" }).click();
  const row = page.getByRole("row").filter({ hasText: learnerEmail });
  await expect(row).toContainText("In progress");
  await expect(page.getByRole("row").filter({ hasText: `second-${tag}@example.org` })).toContainText("Not registered");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Learners (CSV)" }).click()]);
  const csv = fs.readFileSync((await download.path())!, "utf8");
  const line = csv.split("\r\n").find((l) => l.includes(learnerEmail))!;
  expect(line).toContain(",SN,mfa,female,started,no,0,0,,0,");
  expect(csv).toContain(`second-${tag}@example.org,SN,mfa,,not_enrolled`);

  // The donor summary, on screen and as a PDF with the same funnel.
  await page.getByRole("link", { name: "Printable summary for donors" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Completion summary: Cohort ${tag}` })).toBeVisible();
  await expect(page.getByRole("row", { name: /Listed in the cohort/ })).toContainText("2");
  const [pdfDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "A4" }).click()]);
  const pdf = await getDocumentProxy(new Uint8Array(fs.readFileSync((await pdfDownload.path())!)));
  const { text } = await extractText(pdf, { mergePages: true });
  expect(text).toContain(`Completion summary: Cohort ${tag}`);
  expect(text.replace(/\s+/g, " ")).toContain("Listed in the cohort 2 100.0%");
  expect(text.replace(/\s+/g, " ")).toContain("Started 1 50.0%");
});

test("a learner joins a cohort with an invitation code typed on their learning page", async ({ page, browser }, info) => {
  const manager = await browser.newContext({ javaScriptEnabled: info.project.name !== "js-off" });
  const mp = await manager.newPage();
  await loginAs(mp, "manager", "/manage");
  await mp.getByRole("link", { name: "Demo cohort 2026" }).click();
  await mp.getByLabel("Maximum number of uses").fill("5");
  await mp.getByRole("button", { name: "Create an invitation link" }).click();
  const code = (await mp.locator("text=/Code [A-Z0-9]{10}/").first().textContent())!.match(/Code ([A-Z0-9]{10})/)![1]!;
  await manager.close();

  await register(page, "Invited Official", `invited-${info.project.name}-${Date.now()}@example.org`);
  await page.getByLabel("Have an invitation code?").fill(code.toLowerCase());
  await page.getByRole("button", { name: "Join this cohort" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Join Demo cohort 2026" })).toBeVisible();
  await page.getByRole("button", { name: "Join this cohort" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My learning" })).toBeVisible();
  await expect(page.getByRole("link", { name: course.title.en! })).toBeVisible();
});
