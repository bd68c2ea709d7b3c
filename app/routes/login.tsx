import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { LoginForm } from "~/auth/forms.server";
import { getSessionUser, safeRedirect, startSession } from "~/auth/session.server";
import { DEVICE_COOKIE, trustDevice } from "~/auth/devices.server";
import { authenticate } from "~/auth/users.server";
import { readCookie } from "~/lib/cookies.server";
import { ErrorSummary, Field } from "~/components/forms";
import { pageTitle, useT } from "~/components/i18n";
import { parseForm, type FieldErrors } from "~/lib/forms";
import { runtime } from "~/runtime.server";
import { readForm } from "~/lib/request.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth.login.title") }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { user } = await getSessionUser(request);
  if (user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const parsed = parseForm(LoginForm, await readForm(request), ["email", "redirectTo"]);
  if (!parsed.ok) return json({ errors: parsed.errors, values: parsed.values, seconds: 0 }, { status: 400 });
  const { db, config } = runtime();
  const deviceToken = readCookie(request.headers.get("Cookie"), DEVICE_COOKIE);
  const result = await authenticate(
    db,
    { email: parsed.data.email, password: parsed.data.password, ip: context.clientIp ?? "unknown", deviceToken },
    { freeFailures: config.LOGIN_FREE_FAILURES, maxDelayMinutes: config.LOGIN_MAX_DELAY_MINUTES, hashCost: config.PASSWORD_HASH_COST },
  );
  const values = { email: parsed.data.email, redirectTo: parsed.data.redirectTo ?? "" };
  if (!result.ok) {
    const throttled = result.reason === "throttled";
    const errors: FieldErrors = { form: throttled ? "auth.error.throttled" : "auth.error.invalid" };
    return json(
      { errors, values, seconds: throttled ? result.retryAfterSeconds : 0 },
      { status: throttled ? 429 : 401, headers: throttled ? { "Retry-After": String(result.retryAfterSeconds) } : {} },
    );
  }
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(result.user.id, request));
  headers.append("Set-Cookie", await trustDevice(db, result.user.id, deviceToken, config.SESSION_COOKIE_SECURE));
  return redirect(safeRedirect(parsed.data.redirectTo), { headers });
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
        <Link to={redirectTo ? `/register?${new URLSearchParams({ redirectTo })}` : "/register"}>{t("auth.noAccount")}</Link>
      </p>
    </section>
  );
}
