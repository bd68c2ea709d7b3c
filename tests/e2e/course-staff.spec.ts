import { expect, test } from "@playwright/test";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { login, register } from "./helpers";

const { catalog } = loadCatalogFromDisk("courses");
const cbms = catalog.byId.get("cbms")!;
const other = catalog.byId.get("csirt-cooperation")!;
const title = cbms.title.en!;

test("an admin makes a new account an instructor of one course, and the instructor sees that course only", async ({ page, browser }, info) => {
  const email = `teacher-${info.project.name}-${Date.now()}@example.org`;
  await register(page, "New Instructor", email);

  const admin = await (await browser.newContext({ javaScriptEnabled: info.project.name === "js-on" })).newPage();
  await login(admin, "admin@example.org", "admin-demo-2026", `/admin/users?${new URLSearchParams({ q: email })}`);
  const row = admin.getByRole("listitem").filter({ hasText: email });
  await row.getByRole("combobox").selectOption("instructor");
  await row.getByRole("button", { name: "Save role" }).click();
  await expect(admin.getByRole("status")).toHaveText("Role updated.");

  // Assigning a learner is refused with a reason; the instructor is then assigned.
  await admin.goto("/admin/courses");
  const section = admin.getByRole("region", { name: title });
  await section.getByLabel("Instructor's email").fill("learner@example.org");
  await section.getByRole("button", { name: "Assign" }).click();
  await expect(admin.getByRole("alert")).toContainText("This account is not an instructor.");
  await admin.getByRole("region", { name: title }).getByLabel("Instructor's email").fill(email);
  await admin.getByRole("region", { name: title }).getByRole("button", { name: "Assign" }).click();
  await expect(admin.getByRole("status")).toHaveText("Instructor assigned.");
  await expect(admin.getByRole("region", { name: title })).toContainText(email);

  // The new instructor's teaching page lists the one course; another course's results are not theirs.
  await page.goto("/teach");
  const list = page.locator("main ul").last();
  // Each course: its question results, and its learners who used up their attempts (issue 13).
  await expect(list.getByRole("link")).toHaveText([title, "attempts used up"]);
  await list.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  const response = await page.goto(`/teach/courses/${other.id}/questions`);
  expect(response?.status()).toBe(404);
});
