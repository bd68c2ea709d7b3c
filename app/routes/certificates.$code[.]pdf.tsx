import type { LoaderFunctionArgs } from "@remix-run/node";
import { ownCertificateOr404 } from "~/certificates/access.server";
import { certificateTitle } from "~/certificates/certificates.server";
import { certificatePdf } from "~/certificates/pdf.server";
import { makeT } from "~/i18n";
import { resolveLanguage } from "~/i18n/language.server";
import { MESSAGES } from "~/i18n/messages.server";

/** The learner's certificate as a PDF, in their interface language; ?size=letter for US Letter. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, cert } = await ownCertificateOr404(request, params.code);
  const url = new URL(request.url);
  const lang = await resolveLanguage(request, user.locale);
  const t = makeT(MESSAGES[lang]);
  const date = new Date(cert.issued_at).toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  const verifyUrl = `${url.origin}/verify/${cert.code}`;
  const pdf = await certificatePdf(
    {
      heading: t("cert.heading"),
      certifies: t("cert.certifies"),
      name: cert.learner_name,
      completed: t("cert.completed"),
      course: certificateTitle(cert, lang),
      hours: t("cert.hours", { hours: cert.hours }),
      issued: t("cert.issued", { date }),
      programme: t("cert.programme", { programme: cert.programme }),
      verify: t("cert.verifyAt"),
      url: verifyUrl,
      revoked: cert.revoked_at ? t("cert.revokedStamp") : null,
    },
    url.searchParams.get("size") === "letter" ? "LETTER" : "A4",
    lang,
  );
  return new Response(new Uint8Array(pdf), {
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="certificate-${cert.course_id}.pdf"`,
      "Cache-Control": "private, no-store",
    },
  });
}
