import fs from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { login, loginAs, logout, register } from "./helpers";

// Accounts (issue 13, decision 022). The test server has no SMTP_URL: the new account's link is
// passed on by hand.
test("an administrator creates an account, its person chooses a password, and the administrator disables it", async ({ page, browser }, info) => {
  const email = `created-${info.project.name}-${Date.now()}@example.org`;
  const admin = await (await browser.newContext({ javaScriptEnabled: info.project.name === "js-on" })).newPage();
  await loginAs(admin, "admin", "/admin/users");
  await expect(admin.getByRole("heading", { level: 1, name: "Users and roles" })).toBeVisible();

  const form = admin.locator("form", { has: admin.locator('input[name="intent"][value="create"]') });
  // A malformed address is refused next to its field, and what was typed stays.
  await form.getByLabel("Full name").fill("Carla Created");
  await form.getByLabel("Email address").fill("carla@");
  await form.getByRole("button", { name: "Create the account" }).click();
  await expect(form.getByText("Enter a valid email address")).toBeVisible();
  await expect(form.getByLabel("Full name")).toHaveValue("Carla Created");

  await form.getByLabel("Email address").fill(email.toUpperCase());
  await form.getByLabel("Language of the account and its emails").selectOption("fr");
  await form.getByRole("button", { name: "Create the account" }).click();
  const notice = admin.getByRole("status").filter({ hasText: "A password reset link for Carla Created" });
  await expect(notice).toContainText("This platform does not send email: pass the link on by hand");
  const link = (await notice.locator("code").textContent()) ?? "";
  expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);

  // She follows the link, chooses a password and is signed in.
  await page.goto(new URL(link).pathname);
  await expect(page.getByText(`${email}`)).toBeVisible();
  await page.getByLabel(/Nouveau mot de passe|New password/).fill("carla chose this 2026");
  await page.getByRole("button", { name: /Set my new password|mot de passe/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/My profile|Mon profil/);

  // The administrator opens her account and disables it.
  await admin.getByRole("link", { name: "Open its page" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Carla Created" })).toBeVisible();
  await expect(admin.getByText("1 session open")).toBeVisible();
  await admin.getByRole("button", { name: "Disable the account" }).click();
  await expect(admin.getByRole("status")).toHaveText("The account is disabled and its sessions have ended.");
  await expect(admin.getByText(/Disabled since/)).toBeVisible();
  await expect(admin.getByText("0 sessions open")).toBeVisible();
  await admin.context().close();

  // Her session has ended; signing in again says why it is refused.
  await page.goto("/dashboard");
  await expect(page).toHaveURL(/\/login\?redirectTo=%2Fdashboard/);
  await login(page, email, "carla chose this 2026", "/dashboard");
  await expect(page.getByRole("alert")).toContainText(/This account is disabled|Ce compte est désactivé/);
});

async function download(page: Page, name: string) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name }).click()]);
  return { filename: file.suggestedFilename(), text: fs.readFileSync((await file.path())!, "utf8") };
}

test("a learner downloads all her data as JSON and as CSV from her profile", async ({ page }, info) => {
  const email = `mydata-${info.project.name}-${Date.now()}@example.org`;
  await register(page, "Dana Download", email);
  await page.goto("/courses/essentials");
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await expect(page.getByRole("button", { name: "Enrol in this course" })).toHaveCount(0);
  await page.goto("/profile");
  await expect(page.getByRole("heading", { level: 2, name: "Your data" })).toBeVisible();

  const json = await download(page, "Download as JSON");
  expect(json.filename).toMatch(/^my-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(json.text);
  expect(data.sections.profile[0]).toMatchObject({ email, name: "Dana Download" });
  expect(data.sections.enrolments.map((e: { course_id: string }) => e.course_id)).toContain("essentials");
  expect(json.text).not.toContain("password_hash");

  const csv = await download(page, "Download as CSV (spreadsheet)");
  expect(csv.filename).toMatch(/\.csv$/);
  expect(csv.text).toContain("section,record,field,value");
  expect(csv.text).toContain(`profile,1,email,${email}`);
  await logout(page);
});
