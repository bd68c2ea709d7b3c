import { paths } from "~/lib/links";

/**
 * The certificate as an Open Badges 3.0 credential (an OpenBadgeCredential, W3C Verifiable Credentials
 * data model 2.0). It is not signed: wallets that require a proof will need the platform's signing key,
 * which is a deployment decision (docs/decisions/009-certificates.md).
 */
export function openBadgeCredential(c: {
  origin: string;
  code: string;
  courseId: string;
  courseTitle: string;
  courseSummary: string;
  hours: number;
  learnerName: string;
  programme: string;
  issuedAt: number;
}) {
  return {
    "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
    id: c.origin + paths.verify(c.code),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: c.courseTitle,
    issuer: { id: c.origin, type: ["Profile"], name: c.programme, url: c.origin },
    validFrom: new Date(c.issuedAt).toISOString(),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier: [{ type: "IdentityObject", identityType: "name", hashed: false, identityHash: c.learnerName }],
      achievement: {
        id: c.origin + paths.course(c.courseId),
        type: ["Achievement"],
        achievementType: "Course",
        name: c.courseTitle,
        description: c.courseSummary,
        criteria: { narrative: "Read every lesson and passed every quiz of the course, as its completion rules require." },
        humanCode: c.code,
        fieldOfStudy: "Cyber diplomacy",
        creditsAvailable: c.hours,
      },
    },
  };
}
