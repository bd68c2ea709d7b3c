import { describe, expect, it } from "vitest";
import { loadCatalogFromDisk } from "../../app/content/loader.server";
import { fold, matchCourse, queryTerms } from "../../app/content/search";
import { navigationFor } from "../../app/lib/nav";

// The shipped courses, as the catalogue page searches them.
const { catalog } = loadCatalogFromDisk("courses");
const found = (query: string, lang = "en") =>
  catalog.courses.filter((c) => matchCourse(c, queryTerms(query), lang) !== null).map((c) => c.id);

describe("catalogue search", () => {
  it("finds courses by title, summary, lesson title and glossary term", () => {
    expect(found("essentials")).toEqual(["essentials"]); // a title
    expect(found("at a glance")).toContain("essentials"); // a lesson title: "The 11 norms at a glance"
    expect(found("Traffic Light Protocol")).toContain("csirt-cooperation"); // a glossary term
    expect(found("")).toHaveLength(catalog.courses.length);
    expect(found("zzzz-nothing-like-it")).toEqual([]);
  });

  it("ignores case and accents, and searches every language a course is written in", () => {
    expect(fold("Sécurité CSIRT")).toBe("securite csirt");
    expect(fold("Coup d’Œil")).toBe("coup d'oeil");
    expect(found("coup d'oeil")).toEqual(["essentials"]);
    // The French lesson title "Les 11 normes en un coup d'œil", typed without the accent or in capitals.
    expect(found("COUP D'ŒIL")).toEqual(["essentials"]);
    expect(found("groupe d'experts gouvernementaux")).toContain("essentials");
  });

  it("needs every word, and says which lessons and terms matched, in the reader's language", () => {
    expect(found("norms glance")).toEqual(["essentials"]);
    expect(found("glance zzzz")).toEqual([]);
    const essentials = catalog.byId.get("essentials")!;
    expect(matchCourse(essentials, queryTerms("glance"), "fr")).toEqual([{ field: "lesson", text: "Les 11 normes en un coup d'œil" }]);
  });

  it("bounds the query", () => {
    expect(queryTerms("a ".repeat(500)).length).toBeLessThanOrEqual(10);
  });
});

describe("the header's links", () => {
  it("give instructors and admins a Reviews link with the number of drafts waiting, and learners none", () => {
    expect(navigationFor("instructor", 3)).toContainEqual({ to: "/teach/reviews", label: "nav.reviewsWaiting", count: 3 });
    expect(navigationFor("instructor", 0)).toContainEqual({ to: "/teach/reviews", label: "nav.reviews" });
    expect(navigationFor("admin", 1).some((i) => i.to === "/teach/reviews")).toBe(true);
    expect(navigationFor("learner", 5)).toEqual([]);
    expect(navigationFor("manager", 5).some((i) => i.to === "/teach/reviews")).toBe(false);
  });
});
