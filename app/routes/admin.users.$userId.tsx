import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { accountView, deleteAccount, editAccount, setAccountDisabled } from "~/accounts/accounts.server";
import { AccountForm } from "~/auth/forms.server";
import { issueResetForUser } from "~/auth/passwords.server";
import { ErrorSummary, Field } from "~/components/forms";
import { ResetLinkButton, ResetLinkNotice, type IssuedLinkView } from "~/components/reset-link";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { formatDate } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { permittedPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { notFound } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "admin.account.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await permittedPage(args, "users.manage");
  const view = await accountView(rt, user, args.params.userId ?? "");
  if (!view) throw notFound();
  return json(view);
}

type ActionData = { intent: string; ok: boolean; message?: "admin.account.saved" | "admin.account.unchanged" | "admin.account.disabled" | "admin.account.enabled"; errors: FieldErrors; values?: Record<string, string>; reset?: IssuedLinkView };

export async function action(args: ActionFunctionArgs) {
  const { rt, user } = await permittedPage(args, "users.manage");
  const userId = args.params.userId ?? "";
  const sent = await readSubmission(args.request, AccountForm, { keep: ["name", "email"] });
  if (!sent.ok) return json<ActionData>({ intent: String(sent.form.get("intent") ?? ""), ok: false, errors: sent.errors, values: sent.values }, { status: 400 });
  const input = sent.data;
  if (input.intent === "reset-link") {
    const issued = await issueResetForUser(rt, args.request, user, userId);
    if (!issued.ok) throw notFound();
    return json<ActionData>({ intent: input.intent, ok: true, errors: {}, reset: issued });
  }
  if (input.intent === "delete") {
    const deleted = await deleteAccount(rt.db, user, userId);
    if (deleted.ok) return redirect(paths.adminUsersAfterDelete);
    if (deleted.status === 404) throw notFound();
    return json<ActionData>({ intent: input.intent, ok: false, errors: deleted.errors }, { status: deleted.status });
  }
  const changed = input.intent === "edit" ? await editAccount(rt.db, user, userId, input) : await setAccountDisabled(rt.db, user, userId, input.intent === "disable");
  if (!changed.ok && changed.status === 404) throw notFound();
  if (!changed.ok) return json<ActionData>({ intent: input.intent, ok: false, errors: changed.errors, values: input.intent === "edit" ? { name: input.name, email: input.email } : undefined }, { status: changed.status });
  return json<ActionData>({ intent: input.intent, ok: true, message: changed.message, errors: {} });
}

export default function AdminAccount() {
  const { account, sessions, protected: guarded } = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const lang = useLang();
  const editing = result?.intent === "edit" && !result.ok ? result : undefined;
  const formError = result && !result.ok && result.intent !== "edit" ? result.errors.form ?? result.errors.confirm ?? "form.errorSummary" : undefined;
  const disabled = account.disabled_at !== null;
  return (
    <section className="narrow">
      <p>
        <Link to={paths.adminUsers}><span className="dir-arrow" aria-hidden="true">←</span> {t("admin.users.title")}</Link>
      </p>
      <h1>{account.name}</h1>
      {result?.ok && result.message ? (
        <p role="status" className="alert alert-ok">
          {t(result.message)}
        </p>
      ) : null}
      {formError ? <ErrorSummary show>{t(formError)}</ErrorSummary> : null}
      {result?.reset ? <ResetLinkNotice issued={result.reset} /> : null}
      <dl className="facts">
        <dt>{t("auth.email")}</dt>
        <dd>{account.email}</dd>
        <dt>{t("admin.users.role")}</dt>
        <dd>{t(`role.${account.role}`)}</dd>
        <dt>{t("admin.account.since")}</dt>
        <dd>{formatDate(account.created_at, lang, "long")}</dd>
        <dt>{t("admin.account.status")}</dt>
        <dd>
          {disabled ? t("admin.account.statusDisabled", { date: formatDate(account.disabled_at!, lang, "datetime") }) : account.hasPassword ? t("admin.account.statusActive") : t("admin.account.statusNoPassword")}
          {" · "}
          {t("admin.account.sessions", { count: sessions })}
        </dd>
      </dl>

      <h2>{t("admin.account.edit")}</h2>
      <ErrorSummary show={!!editing} />
      <Form method="post" noValidate key={result?.intent === "edit" && result.ok ? "saved" : "edit"}>
        <input type="hidden" name="intent" value="edit" />
        <Field name="name" label={t("auth.name")} defaultValue={editing?.values?.name ?? account.name} error={editing?.errors.name} required />
        <Field name="email" label={t("auth.email")} type="email" defaultValue={editing?.values?.email ?? account.email} error={editing?.errors.email} hint={t("admin.account.emailHint")} required />
        <button type="submit">{t("admin.account.save")}</button>
      </Form>

      {!disabled ? (
        <>
          <h2>{t("admin.users.resetLink")}</h2>
          <ResetLinkButton field={{ name: "userId", value: account.id }} name={account.name} />
        </>
      ) : null}

      <h2>{disabled ? t("admin.account.enable") : t("admin.account.disable")}</h2>
      {guarded ? (
        <p className="hint">{t(guarded === "self" ? "admin.account.error.self" : "admin.account.error.lastAdmin")}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value={disabled ? "enable" : "disable"} />
          <p className="hint">{t(disabled ? "admin.account.enableHint" : "admin.account.disableHint")}</p>
          <button type="submit">{disabled ? t("admin.account.enable") : t("admin.account.disable")}</button>
        </Form>
      )}

      <h2>{t("admin.account.delete")}</h2>
      {guarded ? (
        <p className="hint">{t(guarded === "self" ? "admin.account.error.self" : "admin.account.error.lastAdmin")}</p>
      ) : (
        <Form method="post">
          <input type="hidden" name="intent" value="delete" />
          <p className="hint">{t("admin.account.deleteHint")}</p>
          <div className={result?.errors.confirm ? "field field-error" : "field"}>
            <input type="checkbox" id="confirm" name="confirm" value="yes" />{" "}
            <label htmlFor="confirm">{t("admin.account.delete.confirm", { name: account.name })}</label>
          </div>
          <button type="submit" className="button-danger">
            {t("admin.account.delete")}
          </button>
        </Form>
      )}
    </section>
  );
}
