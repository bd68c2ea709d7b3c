import type { Catalog } from "~/content/types";
import { pick } from "~/content/localize";
import { formatDate, type T } from "~/i18n";
import { paths } from "~/lib/links";
import { pdfLanguage } from "~/lib/pdf-fonts.server";
import type { Runtime } from "~/runtime.server";
import { openBadgeCredential } from "./badge";
import { certificateTitle, findByCode, findOwnCertificate, listCertificates } from "./certificates.server";
import { certificatePdf } from "./pdf.server";

type Cert = NonNullable<Awaited<ReturnType<typeof findByCode>>>;

/** The Open Badge of a learner's own certificate: null when not theirs, "revoked" once revoked. */
export async function ownBadge(rt: Runtime, userId: string, code: string | undefined, origin: string) {
  const cert = await findOwnCertificate(rt.db, userId, code);
  if (!cert) return null;
  if (cert.revoked_at) return "revoked" as const;
  return { courseId: cert.course_id, credential: badgeOf(cert, rt.catalog, origin) };
}

function badgeOf(cert: Cert, catalog: Catalog, origin: string) {
  const course = catalog.byId.get(cert.course_id);
  return openBadgeCredential({
    origin,
    code: cert.code,
    courseId: cert.course_id,
    courseTitle: certificateTitle(cert, "en"),
    courseSummary: course ? pick(course.summary, course.baseLanguage) : "",
    hours: cert.hours,
    learnerName: cert.learner_name,
    programme: cert.programme,
    issuedAt: cert.issued_at,
  });
}

/** The PDF of a learner's own certificate in `lang`, or null when it is not theirs. */
export async function ownCertificatePdf(rt: Runtime, userId: string, code: string | undefined, uiLang: string, uiT: T, origin: string, size: "A4" | "LETTER") {
  const { lang, t } = pdfLanguage(uiLang, uiT);
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
export async function verification(rt: Runtime, code: string | undefined, lang: string) {
  const cert = await findByCode(rt.db, code ?? "");
  if (!cert) return null;
  // Issued to an account since deleted (decision 022): the course was completed, but the name is no
  // longer held, so the page cannot say who holds the certificate; it says that instead of "valid".
  const holder = await rt.db.selectFrom("users").select("deleted_at").where("id", "=", cert.user_id).executeTakeFirst();
  return {
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
