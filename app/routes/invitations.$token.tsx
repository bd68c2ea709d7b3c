import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { acceptPersonalInvitation, invitationView } from "~/cohorts/cohorts.server";
import { CohortInvitation } from "~/components/cohort-invitation";
import { pageTitle, useT } from "~/components/i18n";
import { learnerPage, publicPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { notFound } from "~/lib/responses";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, "invitation.title", data?.cohort) }];

/** A personal invitation to a cohort: its person accepts it while signed in (decision 014). */
export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await publicPage(args);
  const view = await invitationView(rt.db, rt.catalog, user, args.params.token);
  if (!view) throw notFound();
  // A withdrawn invitation is gone on purpose: 410, and the page says so.
  return json({ ...view, signedIn: !!user, here: new URL(args.request.url).pathname }, { status: view.state === "withdrawn" ? 410 : 200 });
}

export async function action(args: ActionFunctionArgs) {
  const { rt, user } = await learnerPage(args);
  const result = await acceptPersonalInvitation(rt.db, user, args.params.token ?? "");
  if (!result.ok) return json({ error: `invitation.error.${result.reason}` as const }, { status: result.reason === "not_found" ? 404 : result.reason === "withdrawn" ? 410 : 409 });
  return redirect(paths.joined(result.already));
}

export default function Invitation() {
  const d = useLoaderData<typeof loader>();
  const data = useActionData<typeof action>();
  const t = useT();
  if (d.state === "withdrawn")
    return (
      <section className="narrow">
        <h1>{t("invitation.withdrawn.title", { cohort: d.cohort })}</h1>
        <p role="alert" className="alert alert-error">
          {t("invitation.error.withdrawn")}
        </p>
      </section>
    );
  const problem =
    d.state === "yours" ? (
      <p className="alert alert-ok">
        {t("join.already")} <Link to={paths.dashboard}>{t("nav.dashboard")}</Link>
      </p>
    ) : d.state === "taken" ? (
      <p className="alert alert-error">{t("invitation.error.taken")}</p>
    ) : null;
  return (
    <CohortInvitation cohort={d.cohort} programme={d.programme} here={d.here} signedIn={d.signedIn} error={data?.error} problem={problem} accept="invitation.accept">
      {d.courses.length ? (
        <ul>
          {d.courses.map((c) => (
            <li key={c}>{c}</li>
          ))}
        </ul>
      ) : null}
      <p className="hint">{t("invitation.consent")}</p>
    </CohortInvitation>
  );
}
