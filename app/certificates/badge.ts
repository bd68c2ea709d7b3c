import { paths } from "~/lib/links";

export const OB3_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"];

/** What the achievement says, in one language: the course as it is described in the badge. */
export interface AchievementText {
  lang: string;
  title: string;
  summary: string;
  /** the course's own completion rules, as a sentence (Markdown) */
  criteria: string;
}

export function achievement(a: { origin: string; courseId: string; hours: number; text: AchievementText; otherLanguages: string[] }) {
  return {
    id: a.origin + paths.course(a.courseId),
    type: ["Achievement"],
    achievementType: "Course",
    name: a.text.title,
    description: a.text.summary,
    criteria: { id: a.origin + paths.course(a.courseId), narrative: a.text.criteria },
    image: { id: a.origin + paths.badgeImage(a.courseId), type: "Image", caption: a.text.title },
    fieldOfStudy: "Cyber diplomacy",
    creditsAvailable: a.hours,
    inLanguage: a.text.lang,
    // OB 3.0 keeps one language per achievement; the other language editions are `related` (§ Related).
    ...(a.otherLanguages.length
      ? { related: a.otherLanguages.map((l) => ({ id: a.origin + paths.achievement(a.courseId, l), type: ["Related"], inLanguage: l })) }
      : {}),
  };
}

/**
 * The certificate as an Open Badges 3.0 credential (an OpenBadgeCredential in the W3C Verifiable
 * Credentials data model 2.0), before it is signed as a VC-JWT (decision 026). The recipient is
 * known by a salted hash of the email they had at issue, plus the name printed on the certificate.
 */
export function openBadgeCredential(c: {
  origin: string;
  issuerDid: string;
  code: string;
  courseId: string;
  hours: number;
  text: AchievementText;
  otherLanguages: string[];
  learnerName: string;
  recipient: { hash: string; salt: string } | null;
  programme: string;
  issuedAt: number;
  status: { list: number; index: number } | null;
}) {
  const statusUrl = c.status ? c.origin + paths.statusList(c.status.list) : null;
  const identifier = [
    ...(c.recipient ? [{ type: "IdentityObject", identityType: "emailAddress", hashed: true, identityHash: c.recipient.hash, salt: c.recipient.salt }] : []),
    { type: "IdentityObject", identityType: "name", hashed: false, identityHash: c.learnerName },
  ];
  return {
    "@context": OB3_CONTEXT,
    id: c.origin + paths.verify(c.code),
    type: ["VerifiableCredential", "OpenBadgeCredential"],
    name: c.text.title,
    issuer: { id: c.issuerDid, type: ["Profile"], name: c.programme, url: c.origin },
    validFrom: new Date(c.issuedAt).toISOString(),
    credentialSubject: {
      type: ["AchievementSubject"],
      identifier,
      achievement: achievement(c),
    },
    // The schema it is valid against (and the verification page checks it against, bundled).
    credentialSchema: [{ id: "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential-jsonschema1.json", type: "1EdTechJsonSchemaValidator2019" }],
    ...(c.status && statusUrl
      ? {
          credentialStatus: {
            id: `${statusUrl}#${c.status.index}`,
            type: "BitstringStatusListEntry",
            statusPurpose: "revocation",
            statusListIndex: String(c.status.index),
            statusListCredential: statusUrl,
          },
        }
      : {}),
  };
}

export type OpenBadgeCredential = ReturnType<typeof openBadgeCredential>;
