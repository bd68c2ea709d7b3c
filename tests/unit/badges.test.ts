import { describe, expect, it } from "vitest";
import { criteriaNarrative } from "../../app/certificates/criteria";
import { didDocument, didWeb } from "../../app/certificates/issuer";
import { bitAt, encodeBitstring, LIST_SIZE, statusPosition } from "../../app/certificates/status";
import { badgeSvg, wrapTitle } from "../../app/certificates/svg";
import { en, makeT } from "../../app/i18n";
import { loadFixtureCourse } from "../helpers/catalog";

const t = makeT(en, "en");

describe("status list positions", () => {
  it("are unique over a whole list and scattered, then continue in the next list", () => {
    const seen = new Set<number>();
    const lists = new Set<number>();
    for (let n = 0; n < LIST_SIZE; n++) {
      const p = statusPosition(n);
      lists.add(p.list);
      seen.add(p.index);
    }
    expect([...lists]).toEqual([1]);
    expect(seen.size).toBe(LIST_SIZE);
    expect(statusPosition(1).index).not.toBe(1);
    expect(statusPosition(LIST_SIZE)).toEqual({ list: 2, index: 0 });
  });
});

describe("the bitstring", () => {
  it("sets exactly the revoked bits, compressed, and reads them back", () => {
    const encoded = encodeBitstring([0, 7, 8, 131071]);
    expect(encoded.startsWith("u")).toBe(true);
    expect(encoded.length).toBeLessThan(200); // 16 KiB of mostly zeros, gzipped
    for (const i of [0, 7, 8, 131071]) expect(bitAt(encoded, i)).toBe(true);
    for (const i of [1, 6, 9, 65536, 131070]) expect(bitAt(encoded, i)).toBe(false);
    expect(bitAt(encoded, LIST_SIZE)).toBeNull();
    expect(bitAt("unot-gzip", 0)).toBeNull();
    expect(() => encodeBitstring([LIST_SIZE])).toThrow(RangeError);
  });
});

describe("the issuer's did:web", () => {
  it("is the host, its port percent-encoded, and its document lists every key for assertions", () => {
    expect(didWeb("https://learn.example.org")).toBe("did:web:learn.example.org");
    expect(didWeb("http://localhost:3224")).toBe("did:web:localhost%3A3224");
    const doc = didDocument("did:web:x.org", [{ kid: "k1", publicJwk: { kty: "OKP", crv: "Ed25519", x: "AAAA" } }, { kid: "k2", publicJwk: { kty: "OKP", crv: "Ed25519", x: "BBBB" } }]);
    expect(doc.assertionMethod).toEqual(["did:web:x.org#k1", "did:web:x.org#k2"]);
    expect(doc.verificationMethod[1]).toMatchObject({ type: "JsonWebKey", controller: "did:web:x.org", publicKeyJwk: { x: "BBBB", kid: "k2" } });
  });
});

describe("the badge image", () => {
  it("wraps a long title into at most four lines and escapes markup", () => {
    expect(wrapTitle("Cyber diplomacy essentials: a one-hour start")).toEqual(["Cyber diplomacy", "essentials: a", "one-hour start"]);
    const long = wrapTitle("word ".repeat(40));
    expect(long).toHaveLength(4);
    expect(long[3]!.endsWith("…")).toBe(true);
    const svg = badgeSvg({ title: `<script>alert("x")</script> & co`, hours: 2, level: "advanced", programme: "P" });
    expect(svg).not.toContain("<script>");
    expect(svg).toContain("&#60;script&#62;");
  });
});

describe("the badge's criteria", () => {
  const course = loadFixtureCourse();
  it("are the course's own completion rules", () => {
    const both = criteriaNarrative(course, "en", t);
    expect(both).toContain(`reading all ${course.lessons.length} lessons`);
    expect(both).toContain("pass mark");
    const quizzesOnly = criteriaNarrative({ ...course, completion: { lessons: "none", quizzes: "passed" } }, "en", t);
    expect(quizzesOnly).not.toContain("reading");
    expect(quizzesOnly).toContain("pass mark");
    // With neither counted, completion is reading every lesson (app/learning/progress.ts).
    const neither = criteriaNarrative({ ...course, completion: { lessons: "none", quizzes: "none" } }, "en", t);
    expect(neither).toContain("reading all");
    expect(neither).not.toContain("pass mark");
  });
});
