import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { requirePermission } from "~/auth/session.server";
import { createInvite, getManagedCohort, importParticipants, InviteForm, listInvites, listParticipants, parseParticipantsCsv } from "~/cohorts/cohorts.server";
import type { RowProblem } from "~/cohorts/csv";
import { pick } from "~/content/localize";
import { Field } from "~/components/forms";
import { pageTitle, useLang, useT } from "~/components/i18n";
import type { MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { countryName } from "~/profile/countries";
import { runtime } from "~/runtime.server";
import { readForm, UPLOAD_LIMIT } from "~/lib/request.server";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.cohort.name) }];

async function managedCohort(request: Request, cohortId: string | undefined) {
  const actor = await requirePermission(request, "cohorts.manage");
  // Another manager's cohort answers exactly like one that does not exist.
  const cohort = cohortId ? await getManagedCohort(runtime().db, actor, cohortId) : null;
  if (!cohort) throw new Response("Not found", { status: 404 });
  return { actor, cohort };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { cohort } = await managedCohort(request, params.cohortId);
  const { db, catalog } = runtime();
  const origin = new URL(request.url).origin;
  return json({
    cohort: { id: cohort.id, name: cohort.name, programme: cohort.programme, starts_on: cohort.starts_on, ends_on: cohort.ends_on },
    courses: cohort.courseIds.map((id) => {
      const c = catalog.byId.get(id);
      return { id, title: c ? pick(c.title, c.baseLanguage) : id };
    }),
    participants: (await listParticipants(db, cohort.id)).map((p) => ({
      email: p.email,
      name: p.name,
      country: p.country,
      organisation: p.organisation,
      accepted: p.user_id !== null,
    })),
    invites: (await listInvites(db, cohort.id)).map((i) => ({
      code: i.code,
      url: `${origin}/join/${i.code}`,
      uses: i.uses,
      max: i.max_uses,
      expiresAt: i.expires_at,
      expired: i.expires_at <= Date.now(),
    })),
  });
}

type ActionData =
  | { intent: "invite"; errors: FieldErrors; code: string | null }
  | { intent: "upload"; problems: RowProblem[]; summary: { added: number; updated: number } | null; error: MessageKey | null };

export async function action({ request, params }: ActionFunctionArgs) {
  const { cohort } = await managedCohort(request, params.cohortId);
  const { db } = runtime();
  if ((request.headers.get("Content-Type") ?? "").startsWith("multipart/form-data")) {
    let form: FormData;
    try {
      form = await readForm(request, UPLOAD_LIMIT);
    } catch (e) {
      if (e instanceof Response && e.status === 413)
        return json<ActionData>({ intent: "upload", problems: [], summary: null, error: "cohort.upload.tooLarge" }, { status: 413 });
      // A malformed multipart body: nothing was read, nothing is changed.
      return json<ActionData>({ intent: "upload", problems: [], summary: null, error: "cohort.upload.noFile" }, { status: 400 });
    }
    const file = form.get("file");
    if (!(file instanceof File) || file.size === 0)
      return json<ActionData>({ intent: "upload", problems: [], summary: null, error: "cohort.upload.noFile" }, { status: 400 });
    const { rows, problems } = parseParticipantsCsv(await file.text());
    // All or nothing: with any problem, nothing is imported (docs/decisions/008-csv-import.md).
    if (problems.length) return json<ActionData>({ intent: "upload", problems, summary: null, error: null }, { status: 422 });
    const summary = await importParticipants(db, cohort.id, rows);
    return json<ActionData>({ intent: "upload", problems: [], summary, error: null });
  }
  const form = Object.fromEntries(await readForm(request));
  if (form.intent !== "invite") return json({ error: "Unknown action" }, { status: 400 });
  const parsed = InviteForm.safeParse(form);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const i of parsed.error.issues) errors[String(i.path[0])] ??= i.message as MessageKey;
    return json<ActionData>({ intent: "invite", errors, code: null }, { status: 400 });
  }
  return json<ActionData>({ intent: "invite", errors: {}, code: await createInvite(db, cohort.id, parsed.data) });
}

export default function CohortPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const lang = useLang();
  const date = (ms: number) => new Date(ms).toLocaleDateString(lang, { timeZone: "UTC" });
  const inviteErrors = result?.intent === "invite" ? result.errors : {};
  return (
    <>
      <p className="breadcrumbs">
        <Link to="/manage">{t("cohort.list.title")}</Link>
      </p>
      <h1>{d.cohort.name}</h1>
      <p>
        <Link className="button-primary" to={`/manage/cohorts/${d.cohort.id}/report`}>
          {t("report.link")}
        </Link>
      </p>
      <p className="meta">{t("cohort.list.row", { programme: d.cohort.programme, start: d.cohort.starts_on, end: d.cohort.ends_on, count: d.participants.length })}</p>
      <h2>{t("cohort.detail.courses")}</h2>
      <ul>
        {d.courses.map((c) => (
          <li key={c.id}>{c.title}</li>
        ))}
      </ul>

      <section>
        <h2>{t("cohort.invites.title")}</h2>
        <ul>
          {d.invites.map((i) => (
            <li key={i.code}>
              <code>{i.url}</code> — {t("cohort.invites.row", { code: i.code, uses: i.uses, max: i.max, date: date(i.expiresAt) })}
              {i.expired ? <strong className="badge">{t("cohort.invites.expired")}</strong> : null}
            </li>
          ))}
        </ul>
        <Form method="post" className="narrow" noValidate>
          <input type="hidden" name="intent" value="invite" />
          <Field name="days" label={t("cohort.invites.days")} type="number" min={1} max={365} defaultValue="30" error={inviteErrors.days} />
          <Field name="max_uses" label={t("cohort.invites.maxUses")} type="number" min={1} defaultValue="50" error={inviteErrors.max_uses} />
          <button type="submit">{t("cohort.invites.create")}</button>
        </Form>
      </section>

      <section>
        <h2>{t("cohort.upload.title")}</h2>
        <p className="hint">{t("cohort.upload.help")}</p>
        {result?.intent === "upload" && result.error ? (
          <p role="alert" className="alert alert-error">
            {t(result.error)}
          </p>
        ) : null}
        {result?.intent === "upload" && result.problems.length ? (
          <div role="alert" className="alert alert-error">
            <p>{t("cohort.upload.failed", { count: result.problems.length })}</p>
            <ul>
              {result.problems.map((p, i) => (
                <li key={i}>{t(p.key, { line: p.line, ...p.params })}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {result?.intent === "upload" && result.summary ? (
          <p role="status" className="alert alert-ok">
            {t("cohort.upload.done", result.summary)}
          </p>
        ) : null}
        <Form method="post" encType="multipart/form-data">
          <div className="field">
            <label htmlFor="file">{t("cohort.upload.file")}</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" required />
          </div>
          <button type="submit" className="button-primary">
            {t("cohort.upload.submit")}
          </button>
        </Form>
      </section>

      <section>
        <h2>{t("cohort.detail.participants", { count: d.participants.length })}</h2>
        {d.participants.length === 0 ? (
          <p>{t("cohort.detail.noParticipants")}</p>
        ) : (
          <p>
            {t("cohort.invitations.help")}{" "}
            <a href={`/manage/cohorts/${d.cohort.id}/invitations.csv`} download>
              {t("cohort.invitations.download")}
            </a>
          </p>
        )}
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">{t("auth.name")}</th>
                <th scope="col">{t("auth.email")}</th>
                <th scope="col">{t("profile.country")}</th>
                <th scope="col">{t("profile.organisation")}</th>
                <th scope="col">{t("cohort.detail.status")}</th>
              </tr>
            </thead>
            <tbody>
              {d.participants.map((p) => (
                <tr key={p.email}>
                  <td>{p.name}</td>
                  <td>{p.email}</td>
                  <td>{p.country ? countryName(p.country, lang) : ""}</td>
                  <td>{p.organisation ?? ""}</td>
                  <td>{p.accepted ? t("cohort.detail.accepted") : t("cohort.detail.pending")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
