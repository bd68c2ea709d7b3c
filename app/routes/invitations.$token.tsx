import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { getSessionUser, requireUser } from "~/auth/session.server";
import { acceptPersonalInvitation, findPersonalInvitation } from "~/cohorts/cohorts.server";
import { pick } from "~/content/localize";
import { pageTitle, useT } from "~/components/i18n";
import { runtime } from "~/runtime.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "invitation.title", data?.cohort) }];

/** A personal invitation to a cohort: its person accepts it while signed in (decision 013). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user } = await getSessionUser(request);
  const { db, catalog } = runtime();
  const invitation = await findPersonalInvitation(db, params.token ?? "");
  if (!invitation) throw new Response("Not found", { status: 404 });
  const state = invitation.user_id === null ? "pending" : user && invitation.user_id === user.id ? "yours" : "taken";
  return json({
    cohort: invitation.cohort,
    programme: invitation.programme,
    courses: invitation.courseIds.flatMap((id) => {
      const c = catalog.byId.get(id);
      return c ? [pick(c.title, c.baseLanguage)] : [];
    }),
    state,
    signedIn: !!user,
    here: new URL(request.url).pathname,
  });
}

export async function action({ request, params }: ActionFunctionArgs) {
  const user = await requireUser(request);
  const result = await acceptPersonalInvitation(runtime().db, user, params.token ?? "");
  if (!result.ok) return json({ error: `invitation.error.${result.reason}` as const }, { status: result.reason === "not_found" ? 404 : 409 });
  return redirect("/dashboard");
}

export default function Invitation() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  const q = new URLSearchParams({ redirectTo: d.here });
  return (
    <section className="narrow">
      <h1>{t("join.title", { cohort: d.cohort })}</h1>
      <p>{t("join.programme", { programme: d.programme })}</p>
      {d.courses.length ? (
        <ul>
          {d.courses.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : null}
      <p className="hint">{t("invitation.consent")}</p>
      {data?.error ? (
        <p role="alert" className="alert alert-error">
          {t(data.error)}
        </p>
      ) : null}
      {d.state === "yours" ? (
        <p className="alert alert-ok">
          {t("join.already")} <Link to="/dashboard">{t("nav.dashboard")}</Link>
        </p>
      ) : d.state === "taken" ? (
        <p className="alert alert-error">{t("invitation.error.taken")}</p>
      ) : d.signedIn ? (
        <Form method="post">
          <button type="submit" className="button-primary">
            {t("invitation.accept")}
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
