import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getSessionUser, requireUser } from "~/auth/session.server";
import { findInvite, joinWithInvite } from "~/cohorts/cohorts.server";
import { pageTitle, useT } from "~/components/i18n";
import { runtime } from "~/runtime.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.invite?.name) }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await getSessionUser(request);
  const invite = await findInvite(runtime().db, params.code ?? "");
  if (!invite) throw new Response("Not found", { status: 404 });
  return json({
    invite: { name: invite.name, programme: invite.programme, state: invite.state },
    signedIn: !!user,
    here: new URL(request.url).pathname,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = await joinWithInvite(runtime().db, user, params.code ?? "");
  if (!result.ok) return json({ error: `join.error.${result.reason}` as const }, { status: result.reason === "not_found" ? 404 : 410 });
  return redirect("/dashboard");
}

export default function Join() {
  const { invite, signedIn, here } = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const q = new URLSearchParams({ redirectTo: here });
  return (
    <section className="narrow">
      <h1>{t("join.title", { cohort: invite.name })}</h1>
      <p>{t("join.programme", { programme: invite.programme })}</p>
      {data?.error ? (
        <p role="alert" className="alert alert-error">
          {t(data.error)}
        </p>
      ) : null}
      {invite.state !== "valid" ? (
        <p className="alert alert-error">{t(`join.error.${invite.state}`)}</p>
      ) : signedIn ? (
        <Form method="post">
          <button type="submit" className="button-primary">
            {t("join.submit")}
          </button>
        </Form>
      ) : (
        <p>
          {t("join.loginFirst")} <Link to={`/login?${q}`}>{t("nav.login")}</Link> · <Link to={`/register?${q}`}>{t("nav.register")}</Link>
        </p>
      )}
    </section>
  );
}
