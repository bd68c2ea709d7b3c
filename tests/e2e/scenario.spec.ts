import { expect, test } from "@playwright/test";
import { register } from "./helpers";

test("a learner plays the incident scenario: each choice shows its consequence and principle, and the path is recorded", async ({ page }, info) => {
  await register(page, "Scenario Learner", `scenario-${info.project.name}-${Date.now()}@example.org`);
  await page.goto("/courses/csirt-cooperation");
  await page.getByRole("button", { name: "Enrol in this course" }).click();
  await page.getByRole("link", { name: "Ransomware in a neighbour's hospitals, servers in your country" }).click();
  await page.getByRole("button", { name: "Start the scenario" }).click();

  await page.getByRole("button", { name: /^Acknowledge the request within the hour/ }).click();
  await expect(page.getByRole("heading", { name: "What happens" })).toBeVisible();
  await expect(page.getByText(/Norm 13\(h\) asks States to respond/)).toBeVisible();

  // Leaving and coming back resumes the run.
  await page.goto("/courses/csirt-cooperation/scenarios/sc-hospital-ransomware");
  await expect(page.getByText("You are part-way through")).toBeVisible();

  await page.getByRole("button", { name: /^Ask the hosting provider, through your CSIRT's existing arrangement/ }).click();
  await expect(page.getByText(/Norm 13\(c\): do not knowingly allow your territory/)).toBeVisible();
  await page.getByRole("button", { name: /^Send the indicators and hashes to Belmora's CSIRT marked TLP:AMBER/ }).click();
  await page.getByRole("button", { name: /^What you did/ }).click();

  await expect(page.getByRole("heading", { name: "End of the scenario" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "The path you took" })).toBeVisible();
  await expect(page.locator("ol > li")).toHaveCount(4);
  await expect(page.getByRole("button", { name: "Start again" })).toBeVisible();
});
