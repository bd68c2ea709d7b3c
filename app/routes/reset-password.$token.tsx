import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { NewPasswordForm } from "~/auth/forms.server";
import { resetLinkView, resetPassword } from "~/auth/passwords.server";
import { ErrorSummary, NewPasswordField } from "~/components/forms";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { formatDate } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { publicPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "auth.reset.title") }, { name: "robots", content: "noindex" }];

// The address is a secret and the page names an account: no cache keeps it.
export const headers: HeadersFunction = () => ({ "Cache-Control": "no-store" });

// A link that does not work (unknown, used, replaced or expired) answers 404 with a page saying so.
export async function loader(args: LoaderFunctionArgs) {
  const { rt } = await publicPage(args);
  const link = await resetLinkView(rt.db, args.params.token);
  return json({ link }, { status: link ? 200 : 404 });
}

export async function action(args: ActionFunctionArgs) {
  const { rt } = await publicPage(args);
  const sent = await readSubmission(args.request, NewPasswordForm);
  if (!sent.ok) return json({ errors: sent.errors }, { status: 400 });
  const result = await resetPassword(rt, args.request, args.params.token, sent.data.password);
  if (!result.ok) return json({ errors: { form: "auth.reset.invalid" } as FieldErrors }, { status: 404 });
  return redirect(paths.passwordWasReset, { headers: result.headers });
}

export default function ResetPassword() {
  const { link } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const lang = useLang();
  const busy = useNavigation().state === "submitting";
  const errors: FieldErrors = data?.errors ?? {};
  return (
    <section className="narrow">
      <h1>{t("auth.reset.title")}</h1>
      {link && !errors.form ? (
        <>
          <p>{t("auth.reset.for", { email: link.email, date: formatDate(link.expiresAt, lang, "datetime") })}</p>
          <ErrorSummary show={!!data} />
          <Form method="post" noValidate>
            <NewPasswordField name="password" label={t("auth.reset.newPassword")} error={errors.password} />
            <p className="hint">{t("auth.reset.note")}</p>
            <button type="submit" className="button-primary" disabled={busy}>
              {t("auth.reset.submit")}
            </button>
          </Form>
        </>
      ) : (
        <>
          <p role="alert" className="alert alert-error">
            {t("auth.reset.invalid")}
          </p>
          <p>
            <Link to={paths.forgotPassword}>{t("auth.reset.askAgain")}</Link>
          </p>
        </>
      )}
    </section>
  );
}
