import { expect, test, type Page } from "@playwright/test";
import { register } from "./helpers";

// Issue 18: the details a user trips over, tried in the browser with JavaScript on and off.

const exercisePath = "/courses/cbms/exercises/ex-cbm-first-year-plan";

/** Waits until React has hydrated the page, so typing reaches the form's handlers. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
}

test("a draft keeps the last words typed when the learner leaves 200 ms later, by a link or by leaving the page", async ({ page }, info) => {
  test.skip(info.project.name === "js-off", "without JavaScript the draft is saved with its button");
  await register(page, "Leaving Learner", `leaving-${Date.now()}@example.org`);
  await page.goto("/courses/cbms");
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await page.goto(exercisePath);
  await hydrated(page);

  // A link within the app (the course trail): the form unmounts before the 1.5 s timer.
  await page.getByLabel("Objective of the plan").pressSequentially("Reachable on ICT security");
  await page.waitForTimeout(200);
  await page.locator(".breadcrumbs").getByRole("link", { name: "Confidence-building measures in cyberspace" }).click();
  await expect(page).toHaveURL(/\/courses\/cbms$/);
  await page.goto(exercisePath);
  await expect(page.getByLabel("Objective of the plan")).toHaveValue("Reachable on ICT security");

  // Leaving the page altogether (another address typed): pagehide sends the beacon.
  await hydrated(page);
  await page.getByLabel("Measure, Row 1").pressSequentially("Nominate points of contact");
  await page.waitForTimeout(200);
  await page.goto("/");
  // The beacon and the next page's request race to the server (the offline worker sends the beacon
  // on, public/sw.js): the words arrive, perhaps a moment after the page.
  await expect(async () => {
    await page.goto(exercisePath);
    await expect(page.getByLabel("Measure, Row 1")).toHaveValue("Nominate points of contact", { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await expect(page.getByLabel("Objective of the plan")).toHaveValue("Reachable on ICT security");
});

test("the catalogue shows each course's languages and finds courses by a glossary term or a lesson title", async ({ page }) => {
  await page.goto("/");
  const essentials = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Cyber diplomacy essentials: a one-hour start" }) });
  await expect(essentials.getByText("English", { exact: true })).toBeVisible();
  await expect(essentials.getByText("Français", { exact: true })).toBeVisible();

  await page.getByLabel(/Search the courses/).fill("coup d'oeil");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page).toHaveURL(/\?q=coup/);
  await expect(page.getByText("1 course matches “coup d'oeil”.")).toBeVisible();
  await expect(page.getByRole("heading", { level: 2 })).toHaveText(["Cyber diplomacy essentials: a one-hour start"]);

  await page.getByLabel(/Search the courses/).fill("Traffic Light Protocol");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "CERT/CSIRT cooperation" })).toBeVisible();
  await expect(page.getByText("Glossary: Traffic Light Protocol (TLP)").first()).toBeVisible();

  await page.getByLabel(/Search the courses/).fill("nothing-is-called-this");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await expect(page.getByText("No course matches “nothing-is-called-this”.")).toBeVisible();
  await page.getByRole("link", { name: "Show every course" }).click();
  await expect(page.getByRole("heading", { level: 2 }).first()).toBeVisible();
});

test("a printed lesson names its course and module", async ({ page }) => {
  await register(page, "Printing Learner", `printing-${Date.now()}@example.org`);
  await page.goto("/courses/essentials");
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await page.goto("/courses/essentials");
  await page.getByRole("link", { name: "Four pillars and how they grew" }).click();
  await page.emulateMedia({ media: "print" });
  const trail = page.locator(".breadcrumbs");
  await expect(trail).toBeVisible();
  await expect(trail).toContainText("Cyber diplomacy essentials: a one-hour start");
  await expect(trail).toContainText("The UN framework in brief");
  await expect(page.locator(".site-header")).toBeHidden();
});

test("an unknown invitation code says it does not exist, with a way to type it again", async ({ page }) => {
  const res = await page.goto("/join/NOSUCHCODE22");
  expect(res?.status()).toBe(404);
  await expect(page.getByRole("heading", { level: 1, name: "Invitation code not found" })).toBeVisible();
  await expect(page.getByText("This invitation code does not exist. Check it with the person who sent it.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Join this cohort" })).toBeVisible();
});

test("a poor choice in the scenario is shown as one, in colour and in words", async ({ page }, info) => {
  await register(page, "Poor Chooser", `poor-${info.project.name}-${Date.now()}@example.org`);
  await page.goto("/courses/csirt-cooperation");
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await page.goto("/courses/csirt-cooperation/scenarios/sc-hospital-ransomware");
  await page.getByRole("button", { name: "Start the scenario" }).click();
  await page.getByRole("button", { name: /^Post a public statement/ }).click();
  const panel = page.locator("section.feedback");
  await expect(panel).toHaveClass(/feedback-wrong/);
  await expect(panel.getByText("Not a good choice.")).toBeVisible();
  await page.getByRole("button", { name: /^Acknowledge now through the point of contact/ }).click();
  await expect(panel).toHaveClass(/feedback-partial/);
  await expect(panel.getByText("Partly right: it could have been better.")).toBeVisible();
});

test("/favicon.ico is a real icon, cached", async ({ request }) => {
  const res = await request.get("/favicon.ico");
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toMatch(/icon/);
  expect(res.headers()["cache-control"]).toMatch(/max-age=\d+/);
  const body = await res.body();
  // The ICO header: reserved 0, type 1 (icon), then at least one image.
  expect([...body.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
  expect(body.readUInt16LE(4)).toBeGreaterThan(0);
});
