import { extractText, getDocumentProxy } from "unpdf";
import { describe, expect, it } from "vitest";
import { findByCode, getCertificateFor, issueCertificate, newVerificationCode, revokeCertificate } from "../../app/certificates/certificates.server";
import { openBadgeCredential } from "../../app/certificates/badge";
import { certificatePdf } from "../../app/certificates/pdf.server";
import { completeLesson, enrol } from "../../app/learning/progress.server";
import { answerQuestion, startAttempt } from "../../app/learning/quiz.server";
import { formOf, MINI_RIGHT } from "../helpers/answers";
import { loadFixtureCourse } from "../helpers/catalog";
import { freshDb, makeUser } from "../helpers/db";

const course = loadFixtureCourse();
const quiz = course.quizzes[0]!;
const RIGHT = MINI_RIGHT;

describe("certificates", () => {
  it("are issued when the completion rules are met, not before, and only once", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    await enrol(db, user.id, course.id);
    await completeLesson(db, user.id, course, "l-one");
    await completeLesson(db, user.id, course, "l-two");
    expect(await getCertificateFor(db, user.id, course.id)).toBeUndefined(); // the quiz is not passed yet
    const start = await startAttempt(db, user.id, course, quiz);
    if (!start.ok) throw new Error();
    for (const q of quiz.questions) await answerQuestion(db, user.id, course, quiz, start.attemptId, q.id, formOf(RIGHT[q.id]!));
    const cert = await getCertificateFor(db, user.id, course.id);
    expect(cert).toMatchObject({ learner_name: "Test Learner", hours: 1, programme: "Cyber Diplomacy Learning", revoked_at: null });
    expect(cert!.code).toMatch(/^[A-Z2-9]{16}$/);
    // Issuing again returns the same certificate.
    expect((await issueCertificate(db, user.id, course))!.code).toBe(cert!.code);
  });

  it("are issued once even when two requests race", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    const [a, b] = await Promise.all([issueCertificate(db, user.id, course), issueCertificate(db, user.id, course)]);
    expect(a!.code).toBe(b!.code);
    expect(await db.selectFrom("certificates").selectAll().execute()).toHaveLength(1);
  });

  it("survive a content change that takes progress away, and can be revoked", async () => {
    const { db } = await freshDb();
    const user = await makeUser(db);
    const admin = await makeUser(db, "admin@example.org");
    const cert = (await issueCertificate(db, user.id, course))!;
    await db.deleteFrom("lesson_progress").execute();
    expect((await findByCode(db, cert.code.toLowerCase()))?.id).toBe(cert.id);
    expect(await revokeCertificate(db, admin.id, cert.code, "issued in error")).toBe(true);
    expect(await revokeCertificate(db, admin.id, cert.code, "again")).toBe(false);
    expect((await findByCode(db, cert.code))?.revoked_reason).toBe("issued in error");
    expect(await findByCode(db, "not a code")).toBeUndefined();
    // One revocation, one entry in the audit log, naming who did it.
    expect(await db.selectFrom("audit_log").select(["action", "actor_email", "target_id"]).execute()).toEqual([
      { action: "certificate.revoked", actor_email: "admin@example.org", target_id: cert.code },
    ]);
  });

  it("print the learner's name (accents included) and the course in the PDF, on A4 and Letter", async () => {
    for (const size of ["A4", "LETTER"] as const) {
      const pdf = await certificatePdf(
        {
          heading: "Certificate of completion",
          certifies: "This certifies that",
          name: "Aminata Ndiaye-Fàll",
          completed: "has completed the course",
          course: "First steps in cyber diplomacy",
          hours: "1 hours of study",
          issued: "Issued on 1 March 2026",
          programme: "Issued by Demo programme",
          verify: "Verify this certificate at",
          url: `https://learn.example.org/verify/${newVerificationCode()}`,
          revoked: null,
        },
        size,
        "en",
      );
      const doc = await getDocumentProxy(new Uint8Array(pdf));
      expect(doc.numPages).toBe(1);
      const { text } = await extractText(doc, { mergePages: true });
      expect(text).toContain("Aminata Ndiaye-Fàll");
      expect(text).toContain("First steps in cyber diplomacy");
    }
  });

  it("describe themselves as an Open Badges 3.0 credential", () => {
    const c = openBadgeCredential({
      origin: "https://learn.example.org",
      issuerDid: "did:web:learn.example.org",
      code: "ABCDEFGHJKLMNPQR",
      courseId: "mini",
      hours: 2,
      text: { lang: "en", title: "Mini", summary: "S", criteria: "C" },
      otherLanguages: [],
      learnerName: "A",
      recipient: null,
      programme: "P",
      issuedAt: Date.UTC(2026, 0, 2),
      status: null,
    });
    expect(c.type).toEqual(["VerifiableCredential", "OpenBadgeCredential"]);
    expect(c["@context"]).toContain("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json");
    expect(c.credentialSubject.achievement).toMatchObject({ type: ["Achievement"], name: "Mini" });
    expect(c.validFrom).toBe("2026-01-02T00:00:00.000Z");
  });
});
