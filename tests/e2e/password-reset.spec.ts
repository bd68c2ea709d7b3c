import { expect, test } from "@playwright/test";
import { demo, login, loginAs, logout, register } from "./helpers";

// The test server has no SMTP_URL: nothing is emailed, and the link is passed on by hand.
test("a learner who forgot her password sets a new one with a link an admin issued", async ({ page, browser }, info) => {
  const email = `forgetful-${info.project.name}-${Date.now()}@example.org`;
  await register(page, "Forgetful Learner", email, "the first password 2026");
  await logout(page);

  // The login page leads to what to do; without email, the page says the link comes by hand.
  await page.goto("/login");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Forgot your password?" })).toBeVisible();
  await expect(page.getByText("Ask an administrator of this platform, or the manager of your cohort")).toBeVisible();
  await expect(page.getByText("This platform does not send email")).toBeVisible();
  await expect(page.getByLabel("Email address")).toHaveCount(0);

  // An administrator issues a link, shown once to pass on.
  const admin = await (await browser.newContext({ javaScriptEnabled: info.project.name === "js-on" })).newPage();
  await loginAs(admin, "admin", `/admin/users?${new URLSearchParams({ q: email })}`);
  await admin.getByRole("button", { name: "Create a password reset link for Forgetful Learner" }).click();
  const notice = admin.getByRole("status");
  await expect(notice).toContainText("A password reset link for Forgetful Learner");
  await expect(notice).toContainText("This platform does not send email: pass the link on by hand");
  const link = (await notice.locator("code").textContent()) ?? "";
  expect(link).toMatch(/\/reset-password\/[A-Za-z0-9_-]{43}$/);
  await admin.context().close();

  // She follows it and chooses a new password; a short one is refused first.
  const path = new URL(link).pathname;
  await page.goto(path);
  await expect(page.getByText(`For the account ${email}.`)).toBeVisible();
  await page.getByLabel("New password").fill("short");
  await page.getByRole("button", { name: "Set my new password" }).click();
  await expect(page.getByText("Use at least 10 characters")).toBeVisible();
  await page.getByLabel("New password").fill("the second password 2026");
  await page.getByRole("button", { name: "Set my new password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "My profile" })).toBeVisible();
  await expect(page.getByRole("status")).toHaveText("Your new password is set and you are signed in. You are signed out everywhere else.");

  // The link works once.
  await page.goto(path);
  await expect(page.getByText("This link does not work any more")).toBeVisible();
  await expect(page.getByRole("button", { name: "Set my new password" })).toHaveCount(0);

  // The old password no longer signs in; the new one does.
  await logout(page);
  await login(page, email, "the first password 2026", "/dashboard");
  await expect(page.getByText("The email address or password is not right.")).toBeVisible();
  await login(page, email, "the second password 2026", "/dashboard");
  await expect(page.getByRole("heading", { level: 1, name: "My learning" })).toBeVisible();

  // The administrator reads the link's issue in the audit log: filtered by that action and this learner.
  const auditor = await (await browser.newContext({ javaScriptEnabled: info.project.name === "js-on" })).newPage();
  await loginAs(auditor, "admin", "/admin/audit");
  await expect(auditor.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
  await auditor.getByLabel("Action").selectOption({ label: "Password reset link issued" });
  await auditor.getByLabel("Whom or what").fill(email);
  await auditor.getByRole("button", { name: "Apply filters" }).click();
  await expect(auditor).toHaveURL(/[?&]action=user\.reset_link_issued(&|$)/);
  await expect(auditor.getByText("1 entry ·")).toBeVisible();
  const entry = auditor.getByRole("row").filter({ hasText: email });
  await expect(entry).toHaveCount(1);
  await expect(entry.getByRole("cell").nth(1)).toHaveText(demo("admin").email);
  await expect(entry.getByRole("cell").nth(2)).toContainText("Password reset link issued");
  await expect(entry.getByRole("cell").nth(3)).toHaveText(email);
  await auditor.context().close();
});
