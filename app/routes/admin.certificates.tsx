import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { certificateTitle, listCertificates, revokeCertificate, RevokeForm } from "~/certificates/certificates.server";
import { pageTitle, useT } from "~/components/i18n";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin.certs.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requirePermission(request, "users.manage");
  const certs = await listCertificates(runtime().db);
  return json({
    certs: certs.map((c) => ({ code: c.code, name: c.learner_name, course: certificateTitle(c, "en"), issuedAt: new Date(c.issued_at).toISOString().slice(0, 10), revoked: c.revoked_at !== null })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  await requirePermission(request, "users.manage");
  const parsed = RevokeForm.safeParse(Object.fromEntries(await readForm(request)));
  if (!parsed.success) return json({ ok: false, message: "admin.certs.reasonRequired" as const }, { status: 400 });
  const done = await revokeCertificate(runtime().db, parsed.data.code, parsed.data.reason);
  if (!done) throw new Response("Not found", { status: 404 });
  return json({ ok: true, message: "admin.certs.done" as const });
}

export default function AdminCertificates() {
  const { certs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const t = useT();
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
            <strong>{c.name}</strong> — {c.course} — {c.issuedAt} — <Link to={`/verify/${c.code}`}>{c.code}</Link>
            {c.revoked ? (
              <strong className="badge">{t("admin.certs.revoked")}</strong>
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
