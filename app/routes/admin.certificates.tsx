import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { revokeCertificate, RevokeForm } from "~/certificates/certificates.server";
import { certificateList } from "~/certificates/views.server";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { formatDate } from "~/i18n";
import { permittedPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { notFound } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin.certs.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, lang } = await permittedPage(args, "certificates.revoke");
  return json({ certs: await certificateList(rt, lang) });
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user } = await permittedPage(args, "certificates.revoke");
  const sent = await readSubmission(args.request, RevokeForm);
  if (!sent.ok) return json({ ok: false, message: "admin.certs.reasonRequired" as const }, { status: 400 });
  if (!(await revokeCertificate(rt.db, user.id, sent.data.code, sent.data.reason))) throw notFound();
  return json({ ok: true, message: "admin.certs.done" as const });
}

export default function AdminCertificates() {
  const { certs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("admin.certs.title")}</h1>
      {result ? (
        <p role="status" className={result.ok ? "alert alert-ok" : "alert alert-error"}>
          {t(result.message)}
        </p>
      ) : null}
      <ul className="user-list">
        {certs.map((c) => (
          <li key={c.code}>
            <strong>{c.name}</strong> — {c.course} — {formatDate(c.issuedAt, lang)} — <Link to={paths.verify(c.code)}>{c.code}</Link>
            {c.revokedAt ? (
              <strong className="badge">{t("admin.certs.revoked", { date: formatDate(c.revokedAt, lang) })}</strong>
            ) : (
              <Form method="post" className="inline-form">
                <input type="hidden" name="code" value={c.code} />
                <label htmlFor={`reason-${c.code}`}>{t("admin.certs.reason")}</label>
                <input id={`reason-${c.code}`} name="reason" type="text" maxLength={300} required />
                <button type="submit">{t("admin.certs.revoke")}</button>
              </Form>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
