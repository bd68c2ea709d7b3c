import { describe, expect, it } from "vitest";
import { isAllowedMutation } from "../../app/auth/origin.server";
import { can } from "../../app/auth/permissions";
import { hashPassword, verifyPassword } from "../../app/auth/password.server";
import { ROLES } from "../../db/schema";

describe("origin check on mutations", () => {
  const base = { protocol: "https", host: "learn.example.org", origin: undefined, secFetchSite: undefined };
  it("lets reads through", () => {
    expect(isAllowedMutation({ ...base, method: "GET", origin: "https://evil.example" })).toBe(true);
  });
  it("accepts same-origin posts and refuses cross-origin ones", () => {
    expect(isAllowedMutation({ ...base, method: "POST", origin: "https://learn.example.org" })).toBe(true);
    expect(isAllowedMutation({ ...base, method: "POST", origin: "https://evil.example" })).toBe(false);
    expect(isAllowedMutation({ ...base, method: "POST", origin: "null" })).toBe(false);
    expect(isAllowedMutation({ ...base, method: "POST", origin: "not a url" })).toBe(false);
  });
  it("falls back to Sec-Fetch-Site, and lets non-browser clients (no cookies to abuse) through", () => {
    expect(isAllowedMutation({ ...base, method: "POST", secFetchSite: "cross-site" })).toBe(false);
    expect(isAllowedMutation({ ...base, method: "POST", secFetchSite: "same-origin" })).toBe(true);
    expect(isAllowedMutation({ ...base, method: "DELETE" })).toBe(true);
  });
});

describe("role matrix", () => {
  it("gives draft previews to instructors and admins, user management to admins, cohorts to managers and admins", () => {
    const perms = ["course.viewDraft", "users.manage", "cohorts.manage", "questions.analyse", "exercises.review"] as const;
    const table = Object.fromEntries(ROLES.map((r) => [r, perms.map((p) => can(r, p))]));
    expect(table).toEqual({
      learner: [false, false, false, false, false],
      instructor: [true, false, false, true, true],
      manager: [false, false, true, false, false],
      admin: [true, true, true, true, true],
    });
  });
});

describe("password hashing", () => {
  it("verifies the right password only, and keeps its parameters in the hash", async () => {
    const hash = await hashPassword("correct horse battery", 12);
    expect(hash).toMatch(/^scrypt\$12\$8\$1\$/);
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterY")).toBe(false);
    expect(await verifyPassword("garbage", "x")).toBe(false);
    expect(await hashPassword("correct horse battery", 12)).not.toBe(hash);
  });
});
