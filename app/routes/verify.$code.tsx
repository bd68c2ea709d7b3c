import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { certificateTitle, findByCode } from "~/certificates/certificates.server";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { resolveLanguage } from "~/i18n/language.server";
import { runtime } from "~/runtime.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "verify.title") }, { name: "robots", content: "noindex" }];

/**
 * Public: whether the certificate is valid and what it certifies — the name, course, hours, date and
 * programme printed on it, and nothing else about the learner.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const cert = await findByCode(runtime().db, params.code ?? "");
  if (!cert) return json({ found: false as const }, { status: 404 });
  const lang = await resolveLanguage(request, null);
  return json({
    found: true as const,
    name: cert.learner_name,
    course: certificateTitle(cert, lang),
    hours: cert.hours,
    issuedAt: cert.issued_at,
    programme: cert.programme,
    revokedAt: cert.revoked_at,
  });
}

export default function Verify() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const date = (ms: number) => new Date(ms).toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" });
  return (
    <section className="narrow">
      <h1>{t("verify.title")}</h1>
      {!d.found ? (
        <p role="status" className="alert alert-error">
          {t("verify.unknown")}
        </p>
      ) : (
        <>
          <p role="status" className={d.revokedAt ? "alert alert-error" : "alert alert-ok"}>
            <strong>{d.revokedAt ? t("verify.revoked", { date: date(d.revokedAt) }) : t("verify.valid")}</strong>
          </p>
          <p>{t("verify.what", { name: d.name, course: d.course, hours: d.hours, date: date(d.issuedAt), programme: d.programme })}</p>
        </>
      )}
    </section>
  );
}
