import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { RegisterForm } from "~/auth/forms.server";
import { getSessionUser, safeRedirect, startSession } from "~/auth/session.server";
import { createUser, registrationWait } from "~/auth/users.server";
import { ErrorSummary, Field } from "~/components/forms";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { UI_LANGUAGES } from "~/i18n";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth.register.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await getSessionUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const redirectTo = safeRedirect(form.get("redirectTo"));
  const parsed = parseForm(RegisterForm, form, ["name", "email", "locale"]);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, seconds: 0 }, { status: 400 });
  const { db, config } = runtime();
  const { name, email, locale } = parsed.data;
  const wait = await registrationWait(db, context.clientIp ?? "unknown");
  if (wait > 0)
    return json({ errors: { form: "auth.error.registerThrottled" } as FieldErrors, values: { name, email, locale }, seconds: wait }, { status: 429, headers: { "Retry-After": String(wait) } });
  const result = await createUser(db, parsed.data, config.PASSWORD_HASH_COST);
  if (!result.ok) return json({ errors: { email: "auth.error.emailTaken" } as FieldErrors, values: { name, email, locale }, seconds: 0 }, { status: 409 });
  // A cohort that listed this address links it only when its person accepts their invitation.
  return redirect(redirectTo, { headers: { "Set-Cookie": await startSession(result.user.id, request) } });
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
        <Field
          name="password"
          label={t("auth.password")}
          type="password"
          autoComplete="new-password"
          hint={t("auth.passwordHint")}
          error={errors.password}
          required
        />
        <div className="field">
          <label htmlFor="locale">{t("auth.language")}</label>
          <select id="locale" name="locale" defaultValue={values.locale ?? lang}>
            {UI_LANGUAGES.map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button-primary" disabled={busy}>
          {t("auth.submitRegister")}
        </button>
      </Form>
      <p>
        <Link to={params.get("redirectTo") ? `/login?${new URLSearchParams({ redirectTo: params.get("redirectTo")! })}` : "/login"}>{t("auth.haveAccount")}</Link>
      </p>
    </section>
  );
}
