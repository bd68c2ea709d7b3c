import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { VerifyFileForm } from "~/certificates/verify.server";
import { verifySubmittedBadge } from "~/certificates/views.server";
import { BadgeChecks } from "~/components/badge-checks";
import { ErrorSummary } from "~/components/forms";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { formatDate } from "~/i18n";
import { publicPage } from "~/lib/guards.server";
import { publicOrigin } from "~/lib/public-url.server";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "verify.file.title") }, { name: "robots", content: "noindex" }];

// A badge is a few kilobytes; the limit leaves room for a long one without accepting just anything.
const BADGE_FORM_LIMIT = 256 * 1024;

export async function loader(args: LoaderFunctionArgs) {
  await publicPage(args);
  return json({});
}

export async function action(args: ActionFunctionArgs) {
  const { rt } = await publicPage(args);
  const sent = await readSubmission(args.request, VerifyFileForm, { limit: BADGE_FORM_LIMIT });
  if (!sent.ok) return json({ ok: false as const, error: sent.errors.credential ?? sent.errors.file ?? "verify.file.empty" }, { status: 400 });
  return json({ ok: true as const, result: await verifySubmittedBadge(rt, sent.data, publicOrigin(rt, args.request)) });
}

export default function VerifyFile() {
  const sent = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const result = sent?.ok ? sent.result : null;
  return (
    <section className="narrow">
      <h1>{t("verify.file.title")}</h1>
      <p>{t("verify.file.intro")}</p>
      {sent && !sent.ok ? <ErrorSummary show>{t(sent.error)}</ErrorSummary> : null}
      {result ? (
        <>
          <p role="status" className={result.valid ? "alert alert-ok" : "alert alert-error"}>
            <strong>{result.valid ? t("verify.file.valid") : result.revoked ? t("verify.file.revoked") : t("verify.file.invalid")}</strong>
          </p>
          {result.claims ? (
            <p>{t("verify.file.claims", { name: result.claims.name, achievement: result.claims.achievement, issuer: result.claims.issuer, date: formatDate(result.claims.issuedAt, lang, "long") })}</p>
          ) : null}
          <BadgeChecks checks={result.checks} />
        </>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="file">{t("verify.file.upload")}</label>
          <input id="file" name="file" type="file" accept=".jwt,.json,.txt,application/vc+jwt,application/json,text/plain" />
        </div>
        <div className="field">
          <label htmlFor="credential">{t("verify.file.paste")}</label>
          <textarea id="credential" name="credential" rows={6} spellCheck={false} />
        </div>
        <button type="submit">{t("verify.file.submit")}</button>
      </Form>
    </section>
  );
}
