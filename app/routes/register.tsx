import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { RegisterForm } from "~/auth/forms.server";
import { register } from "~/auth/sign-in.server";
import { ErrorSummary, Field, LanguageSelect, NewPasswordField } from "~/components/forms";
import { pageTitle, useLang, useT } from "~/components/i18n";
import type { FieldErrors } from "~/lib/forms";
import { publicPage, signedOutPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { retryHeaders } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth.register.title") }];

export async function loader(args: LoaderFunctionArgs) {
  await signedOutPage(args);
  return null;
}

export async function action(args: ActionFunctionArgs) {
  const { rt } = await publicPage(args);
  const sent = await readSubmission(args.request, RegisterForm, { keep: ["name", "email", "locale"] });
  if (!sent.ok) return json({ errors: sent.errors, values: sent.values, seconds: 0 }, { status: 400 });
  const result = await register(rt, args.request, args.context.clientIp, sent.data);
  if (result.ok) return redirect(result.redirectTo, { headers: result.headers });
  const { name, email, locale } = sent.data;
  const headers = retryHeaders(result.status, result.seconds);
  return json({ errors: result.errors, values: { name, email, locale } as Record<string, string>, seconds: result.seconds }, { status: result.status, headers });
}

export default function Register() {
  const t = useT();
  const lang = useLang();
  const data = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  const [params] = useSearchParams();
  const errors: FieldErrors = data?.errors ?? {};
  const values: Record<string, string | undefined> = data?.values ?? {};
  return (
    <section className="narrow">
      <h1>{t("auth.register.title")}</h1>
      <ErrorSummary show={!!data}>{errors.form ? t(errors.form, { seconds: data?.seconds ?? 0 }) : undefined}</ErrorSummary>
      <Form method="post" noValidate>
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        <Field name="name" label={t("auth.name")} autoComplete="name" defaultValue={values.name} error={errors.name} required />
        <Field name="email" label={t("auth.email")} type="email" autoComplete="email" defaultValue={values.email} error={errors.email} required />
        <NewPasswordField name="password" label={t("auth.password")} error={errors.password} />
        <LanguageSelect id="locale" name="locale" label={t("auth.language")} defaultValue={values.locale ?? lang} />
        <button type="submit" className="button-primary" disabled={busy}>
          {t("auth.submitRegister")}
        </button>
      </Form>
      <p>
        <Link to={paths.login(params.get("redirectTo"))}>{t("auth.haveAccount")}</Link>
      </p>
    </section>
  );
}
