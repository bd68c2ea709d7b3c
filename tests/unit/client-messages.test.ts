import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "../../app/i18n/en";
import { clientMessages } from "../../app/i18n/messages.server";
import { READING_PAGE, shouldHydrate } from "../../app/lib/hydration";

// The pages a learner or visitor can open, and the components they import directly: every key they
// name must reach the browser, or an enhanced page would show a key instead of its text.
const STAFF_ROUTE = /^(admin|manage|teach)\./;
function learnerSources(): string[] {
  const routes = fs.readdirSync("app/routes").filter((f) => f.endsWith(".tsx") && !STAFF_ROUTE.test(f)).map((f) => path.join("app/routes", f));
  const files = new Set(["app/root.tsx", ...routes]);
  for (const file of [...files]) {
    for (const m of fs.readFileSync(file, "utf8").matchAll(/from "~\/components\/([\w-]+)"/g)) files.add(`app/components/${m[1]}.tsx`);
  }
  return [...files].filter((f) => fs.existsSync(f));
}

describe("the dictionary sent to the browser", () => {
  it("has every key a learner's page names, for learners and visitors", () => {
    const subset = clientMessages("fr", "learner");
    expect(clientMessages("fr", null)).toBe(subset);
    const missing: string[] = [];
    for (const file of learnerSources()) {
      const text = fs.readFileSync(file, "utf8");
      for (const m of text.matchAll(/"([a-z][\w]*(?:\.[\w-]+)+)"/g)) if (m[1]! in en && !(m[1]! in subset)) missing.push(`${file}: ${m[1]}`);
      for (const m of text.matchAll(/`([a-z][\w]*\.(?:[\w-]+\.)*)\$\{/g)) {
        const prefix = m[1]!;
        if (Object.keys(en).some((k) => k.startsWith(prefix)) && !Object.keys(subset).some((k) => k.startsWith(prefix))) missing.push(`${file}: ${prefix}*`);
      }
    }
    expect(missing).toEqual([]);
  });

  it("leaves staff pages' keys out for learners, sends them to staff, and never sends email texts", () => {
    const learner = clientMessages("en", "learner");
    const manager = clientMessages("en", "manager");
    expect(Object.keys(learner).some((k) => k.startsWith("report."))).toBe(false);
    expect(Object.keys(manager).some((k) => k.startsWith("report."))).toBe(true);
    for (const subset of [learner, manager]) expect(Object.keys(subset).filter((k) => k.startsWith("mail."))).toEqual([]);
    expect(JSON.stringify(learner).length).toBeLessThan(JSON.stringify(en).length * 0.7);
    expect(clientMessages("es", "learner")["nav.courses"]).toBe("Cursos");
  });
});

describe("hydration", () => {
  it("is skipped when a matched route is a reading page", () => {
    expect(shouldHydrate([{ handle: undefined }, { handle: { other: 1 } }])).toBe(true);
    expect(shouldHydrate([{ handle: undefined }, { handle: READING_PAGE }])).toBe(false);
  });
});
