import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ForgotPasswordForm } from "~/auth/forms.server";
import { requestPasswordReset } from "~/auth/passwords.server";
import { ErrorSummary, Field } from "~/components/forms";
import { pageTitle, useT } from "~/components/i18n";
import type { FieldErrors } from "~/lib/forms";
import { publicPage, signedOutPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { retryHeaders } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth.forgot.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt } = await signedOutPage(args);
  return json({ mail: rt.mailer !== null });
}

type ActionData = { sent: boolean; errors: FieldErrors; values: Record<string, string>; seconds: number };

export async function action(args: ActionFunctionArgs) {
  const { rt } = await publicPage(args);
  const sent = await readSubmission(args.request, ForgotPasswordForm, { keep: ["email"] });
  if (!sent.ok) return json<ActionData>({ sent: false, errors: sent.errors, values: sent.values, seconds: 0 }, { status: 400 });
  const result = await requestPasswordReset(rt, args.context.clientIp, sent.data);
  const values = { email: sent.data.email };
  if (result.ok) {
    // The email leaves after the answer: its timing says nothing of whether the address has an account.
    void result.delivery;
    return json<ActionData>({ sent: true, errors: {}, values: {}, seconds: 0 });
  }
  if (result.reason === "throttled")
    return json<ActionData>({ sent: false, errors: { form: "auth.forgot.throttled" }, values, seconds: result.seconds }, { status: 429, headers: retryHeaders(429, result.seconds) });
  return json<ActionData>({ sent: false, errors: { form: "auth.forgot.noMail" }, values, seconds: 0 }, { status: 400 });
}

export default function ForgotPassword() {
  const { mail } = useLoaderData<typeof loader>();
  const data = useActionData<ActionData>();
  const t = useT();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = data?.errors ?? {};
  return (
    <section className="narrow">
      <h1>{t("auth.forgot.title")}</h1>
      <p>{t("auth.forgot.intro")}</p>
      {mail ? (
        <>
          {data?.sent ? (
            <p role="status" className="alert alert-ok">
              {t("auth.forgot.sent")}
            </p>
          ) : (
            <>
              <p>{t("auth.forgot.byEmail")}</p>
              <ErrorSummary show={!!data}>{errors.form ? t(errors.form, { seconds: data?.seconds ?? 0 }) : undefined}</ErrorSummary>
              <Form method="post" noValidate>
                <Field name="email" label={t("auth.email")} type="email" autoComplete="email" defaultValue={data?.values.email} error={errors.email} required />
                <button type="submit" className="button-primary" disabled={busy}>
                  {t("auth.forgot.submit")}
                </button>
              </Form>
            </>
          )}
        </>
      ) : (
        <p className="hint">{t("auth.forgot.noMail")}</p>
      )}
      <p>
        <Link to={paths.login()}>{t("auth.forgot.back")}</Link>
      </p>
    </section>
  );
}
