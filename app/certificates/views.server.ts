import type { z } from "zod";
import type { Course } from "~/content/types";
import { pick } from "~/content/localize";
import { formatDate, isUiLanguage, makeT, type T } from "~/i18n";
import { MESSAGES } from "~/i18n/messages.server";
import { paths } from "~/lib/links";
import { pdfLanguage } from "~/lib/pdf-fonts.server";
import type { Runtime } from "~/runtime.server";
import { achievement, openBadgeCredential, type AchievementText } from "./badge";
import {
  certificateTitle,
  findByCode,
  findOwnCertificate,
  lastStatusList,
  listCertificates,
  PLATFORM_PROGRAMME,
  revokedIndices,
} from "./certificates.server";
import { criteriaNarrative } from "./criteria";
import { didDocument, didWeb } from "./issuer";
import { currentSigningKey, publishedKeys } from "./keys.server";
import { certificatePdf } from "./pdf.server";
import { signCredential } from "./signing.server";
import { encodeBitstring, statusListCredential } from "./status";
import { badgeSvg } from "./svg";
import { badgeTextOf, verifyBadge, type VerifyFileForm } from "./verify.server";

type Cert = NonNullable<Awaited<ReturnType<typeof findByCode>>>;

/** The course's achievement text in `lang` (one of its languages): title, summary and its real completion criteria. */
function achievementText(course: Course, lang: string): AchievementText {
  const t = makeT(MESSAGES[isUiLanguage(lang) ? lang : "en"], lang);
  return { lang, title: pick(course.title, lang), summary: pick(course.summary, lang), criteria: criteriaNarrative(course, lang, t) };
}

/**
 * The certificate's Open Badge, signed with the current key: in the learner's language when the
 * course has it (else the course's base language), the course's other languages as related editions.
 * A course no longer in the catalogue keeps what the certificate recorded.
 */
async function signedBadge(rt: Runtime, cert: Cert, origin: string): Promise<string> {
  const course = rt.catalog.byId.get(cert.course_id);
  const learner = await rt.db.selectFrom("users").select("locale").where("id", "=", cert.user_id).executeTakeFirst();
  const titles = Object.keys(JSON.parse(cert.course_title) as Record<string, string>);
  const languages = course?.languages ?? titles;
  const locale = learner?.locale ?? "";
  const lang = languages.includes(locale) ? locale : (course?.baseLanguage ?? titles[0] ?? "en");
  const text = course
    ? { ...achievementText(course, lang), title: certificateTitle(cert, lang) }
    : { lang, title: certificateTitle(cert, lang), summary: "", criteria: makeT(MESSAGES[isUiLanguage(lang) ? lang : "en"], lang)("badge.criteria.intro") };
  const did = didWeb(origin);
  const credential = openBadgeCredential({
    origin,
    issuerDid: did,
    code: cert.code,
    courseId: cert.course_id,
    hours: cert.hours,
    text,
    otherLanguages: languages.filter((l) => l !== lang),
    learnerName: cert.learner_name,
    recipient: cert.recipient_hash && cert.recipient_salt ? { hash: cert.recipient_hash, salt: cert.recipient_salt } : null,
    programme: cert.programme,
    issuedAt: cert.issued_at,
    status: cert.status_list !== null && cert.status_index !== null ? { list: cert.status_list, index: cert.status_index } : null,
  });
  return signCredential(credential, did, await currentSigningKey(rt.db, rt.issuerKey));
}

/** The Open Badge (a signed VC-JWT) of a learner's own certificate: null when not theirs, "revoked" once revoked. */
export async function ownBadge(rt: Runtime, userId: string, code: string | undefined, origin: string) {
  const cert = await findOwnCertificate(rt.db, userId, code);
  if (!cert) return null;
  if (cert.revoked_at) return "revoked" as const;
  return { courseId: cert.course_id, jwt: await signedBadge(rt, cert, origin) };
}

/** Status list `list` as a signed Bitstring Status List credential (VC-JWT); null for a list not in use. */
export async function statusListToken(rt: Runtime, origin: string, list: number): Promise<string | null> {
  if (!Number.isInteger(list) || list < 1 || list > (await lastStatusList(rt.db))) return null;
  const did = didWeb(origin);
  const credential = statusListCredential({ url: origin + paths.statusList(list), issuer: did, encodedList: encodeBitstring(await revokedIndices(rt.db, list)), validFrom: Date.now() });
  return signCredential(credential, did, await currentSigningKey(rt.db, rt.issuerKey));
}

/** The issuer's DID document: every key it has signed with, retired ones included. */
export async function issuerDidDocument(rt: Runtime, origin: string) {
  return didDocument(didWeb(origin), await publishedKeys(rt.db));
}

/** Checks a badge file (a VC-JWT, pasted or uploaded) against what this platform publishes. */
export async function verifyBadgeFile(rt: Runtime, text: string, origin: string) {
  return verifyBadge(rt.db, text, { did: didWeb(origin), origin }, (list) => statusListToken(rt, origin, list));
}

/** What the "verify a badge file" form sent, checked. */
export async function verifySubmittedBadge(rt: Runtime, sent: z.infer<typeof VerifyFileForm>, origin: string) {
  return verifyBadgeFile(rt, await badgeTextOf(sent), origin);
}

/** The achievement's image, the same for every learner of the course. */
export function badgeImage(course: Course): string {
  return badgeSvg({ title: pick(course.title, course.baseLanguage), hours: course.hours, level: course.level, programme: PLATFORM_PROGRAMME });
}

/** The achievement in one of the course's languages (its base language otherwise): what `related` points at. */
export function achievementEdition(course: Course, lang: string | null, origin: string) {
  const l = lang && course.languages.includes(lang) ? lang : course.baseLanguage;
  return { "@context": ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"], ...achievement({ origin, courseId: course.id, hours: course.hours, text: achievementText(course, l), otherLanguages: course.languages.filter((x) => x !== l) }), id: origin + paths.achievement(course.id, l) };
}

/** The PDF of a learner's own certificate in `lang`, or null when it is not theirs. */
export async function ownCertificatePdf(rt: Runtime, userId: string, code: string | undefined, uiLang: string, uiT: T, origin: string, size: "A4" | "LETTER") {
  const { lang, t } = pdfLanguage(uiLang, uiT, "certificate");
  const cert = await findOwnCertificate(rt.db, userId, code);
  if (!cert) return null;
  const pdf = await certificatePdf(
    {
      heading: t("cert.heading"),
      certifies: t("cert.certifies"),
      name: cert.learner_name,
      completed: t("cert.completed"),
      course: certificateTitle(cert, lang),
      hours: t("cert.hours", { hours: cert.hours }),
      issued: t("cert.issued", { date: formatDate(cert.issued_at, lang, "long") }),
      programme: t("cert.programme", { programme: cert.programme }),
      verify: t("cert.verifyAt"),
      url: origin + paths.verify(cert.code),
      revoked: cert.revoked_at ? t("cert.revokedStamp") : null,
    },
    size,
    lang,
  );
  return { courseId: cert.course_id, pdf };
}

/**
 * Public: whether the certificate is valid and what it certifies — the name, course, hours, date and
 * programme printed on it, and nothing else about the learner.
 */
export async function verification(rt: Runtime, code: string | undefined, lang: string, origin: string) {
  const cert = await findByCode(rt.db, code ?? "");
  if (!cert) return null;
  // The page checks the badge as any verifier would: signature against the published keys, and the
  // bit in the published status list, not just the database row.
  const { checks, valid } = await verifyBadgeFile(rt, await signedBadge(rt, cert, origin), origin);
  // Issued to an account since deleted (decision 022): the course was completed, but the name is no
  // longer held, so the page cannot say who holds the certificate; it says that instead of "valid".
  const holder = await rt.db.selectFrom("users").select("deleted_at").where("id", "=", cert.user_id).executeTakeFirst();
  return {
    checks,
    valid,
    holderDeleted: !holder || holder.deleted_at !== null,
    name: cert.learner_name,
    course: certificateTitle(cert, lang),
    hours: cert.hours,
    issuedAt: cert.issued_at,
    programme: cert.programme,
    revokedAt: cert.revoked_at,
  };
}

/** The admin's list of certificates, newest first, course titles in the admin's language (the title printed, when that is the one). */
export async function certificateList(rt: Runtime, lang: string) {
  return (await listCertificates(rt.db)).map((c) => ({
    code: c.code,
    name: c.learner_name,
    course: certificateTitle(c, lang),
    issuedAt: c.issued_at,
    revokedAt: c.revoked_at,
  }));
}
