import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { LoginForm } from "~/auth/forms.server";
import { signIn } from "~/auth/sign-in.server";
import { ErrorSummary, Field } from "~/components/forms";
import { pageTitle, useT } from "~/components/i18n";
import type { FieldErrors } from "~/lib/forms";
import { publicPage, signedOutPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { retryHeaders } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth.login.title") }];

export async function loader(args: LoaderFunctionArgs) {
  await signedOutPage(args);
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const { rt } = await publicPage(args);
  const sent = await readSubmission(args.request, LoginForm, { keep: ["email", "redirectTo"] });
  if (!sent.ok) return json({ errors: sent.errors, values: sent.values, seconds: 0 }, { status: 400 });
  const result = await signIn(rt, args.request, args.context.clientIp, sent.data);
  if (result.ok) return redirect(result.redirectTo, { headers: result.headers });
  const values: Record<string, string> = { email: sent.data.email, redirectTo: sent.data.redirectTo ?? "" };
  const headers = retryHeaders(result.status, result.seconds);
  return json({ errors: result.errors, values, seconds: result.seconds }, { status: result.status, headers });
}

export default function Login() {
  const t = useT();
  const data = useActionData<typeof action>();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = data?.errors ?? {};
  const redirectTo = data?.values.redirectTo ?? params.get("redirectTo") ?? "";
  return (
    <section className="narrow">
      <h1>{t("auth.login.title")}</h1>
      {params.get("redirectTo") && !data ? <p className="alert">{t("auth.loginRequired")}</p> : null}
      <ErrorSummary show={!!data}>{errors.form ? t(errors.form, { seconds: data?.seconds ?? 0 }) : undefined}</ErrorSummary>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <Field name="email" label={t("auth.email")} type="email" autoComplete="email" defaultValue={data?.values.email} error={errors.email} required />
        <Field name="password" label={t("auth.password")} type="password" autoComplete="current-password" error={errors.password} required />
        <button type="submit" className="button-primary" disabled={busy}>
          {t("auth.submitLogin")}
        </button>
      </Form>
      <p>
        <Link to={paths.forgotPassword}>{t("auth.forgot.link")}</Link>
      </p>
      <p>
        <Link to={paths.register(redirectTo)}>{t("auth.noAccount")}</Link>
      </p>
    </section>
  );
}
