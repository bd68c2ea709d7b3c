import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { issueResetForParticipant } from "~/auth/passwords.server";
import { CohortPageForm, cohortView, createInvite, emailInvitations, importParticipantsCsv, ParticipantsQuery } from "~/cohorts/cohorts.server";
import type { CsvNotice, RowProblem } from "~/cohorts/csv";
import { Field, LanguageSelect } from "~/components/forms";
import { ResetLinkButton, ResetLinkNotice, type IssuedLinkView } from "~/components/reset-link";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { CsvLink } from "~/components/csv-link";
import { formatDate, type MessageKey } from "~/i18n";
import type { FieldErrors } from "~/lib/forms";
import { cohortPage } from "~/lib/guards.server";
import { publicOrigin } from "~/lib/public-url.server";
import { paths } from "~/lib/links";
import { UPLOAD_LIMIT } from "~/lib/request.server";
import { notFound } from "~/lib/responses";
import { readSubmission } from "~/lib/submission.server";
import { countryName } from "~/profile/countries";
import { DataTable } from "~/components/data-table";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [{ title: pageTitle(matches, null, data?.cohort.name) }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, cohort } = await cohortPage(args);
  const filter = ParticipantsQuery.parse(Object.fromEntries(new URL(args.request.url).searchParams));
  return json({ ...(await cohortView(rt.db, rt.catalog, cohort, publicOrigin(rt, args.request), filter)), mail: rt.mailer !== null });
}

type ActionData =
  | { intent: "invite"; errors: FieldErrors; code: string | null }
  | { intent: "upload"; problems: RowProblem[]; notices: CsvNotice[]; summary: { added: number; updated: number } | null; error: MessageKey | null }
  | { intent: "reset-link"; issued: IssuedLinkView | null; error: MessageKey | null }
  | { intent: "email-invitations"; sent: number; failed: string[]; remaining: number; error: MessageKey | null };

export async function action(args: ActionFunctionArgs) {
  const { rt, cohort, user } = await cohortPage(args);
  const uploadFailed = (error: MessageKey, status: number) => json<ActionData>({ intent: "upload", problems: [], notices: [], summary: null, error }, { status });
  const sent = await readSubmission(args.request, CohortPageForm, { limit: UPLOAD_LIMIT }).catch((e: unknown) => {
    if (e instanceof Response && e.status === 413) return "too_large" as const;
    throw e;
  });
  if (sent === "too_large") return uploadFailed("cohort.upload.tooLarge", 413);
  if (!sent.ok) {
    if (sent.form.get("intent") === "upload") return uploadFailed("cohort.upload.noFile", 400);
    if (sent.form.get("intent") === "reset-link") throw notFound();
    return json<ActionData>({ intent: "invite", errors: sent.errors, code: null }, { status: 400 });
  }
  if (sent.data.intent === "invite") return json<ActionData>({ intent: "invite", errors: {}, code: await createInvite(rt.db, cohort.id, sent.data) });
  if (sent.data.intent === "reset-link") {
    const issued = await issueResetForParticipant(rt, args.request, user, cohort.id, sent.data.email);
    if (!issued.ok && issued.reason === "not_found") throw notFound();
    if (!issued.ok) return json<ActionData>({ intent: "reset-link", issued: null, error: "reset.error.notLearner" }, { status: 403 });
    return json<ActionData>({ intent: "reset-link", issued, error: null });
  }
  if (sent.data.intent === "email-invitations") {
    const mailing = await emailInvitations(rt, cohort, sent.data);
    if (!mailing.ok) return json<ActionData>({ intent: "email-invitations", sent: 0, failed: [], remaining: 0, error: "cohort.mail.off" }, { status: 409 });
    return json<ActionData>({ intent: "email-invitations", ...mailing, error: null });
  }
  const imported = await importParticipantsCsv(rt.db, user.id, cohort.id, sent.data.file);
  return json<ActionData>({ intent: "upload", ...imported, error: null }, { status: imported.problems.length ? 422 : 200 });
}

export default function CohortPage() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<ActionData>();
  const t = useT();
  const lang = useLang();
  const date = (ms: number) => formatDate(ms, lang);
  const inviteErrors = result?.intent === "invite" ? result.errors : {};
  const pageLink = (page: number) => paths.cohortPage(d.cohort.id, new URLSearchParams({ ...(d.filter.q ? { q: d.filter.q } : {}), page: String(page) })) + "#participants";
  return (
    <>
      <p className="breadcrumbs">
        <Link to={paths.manage}>{t("cohort.list.title")}</Link>
      </p>
      <h1>{d.cohort.name}</h1>
      {d.filter.notice ? (
        <p role="status" className="alert alert-ok">
          {t(d.filter.notice === "updated" ? "cohort.edit.done" : "cohort.participant.removed")}
        </p>
      ) : null}
      <p>
        <Link className="button-primary" to={paths.cohortReport(d.cohort.id)}>
          {t("report.link")}
        </Link>{" "}
        <Link to={paths.cohortEdit(d.cohort.id)}>{t("cohort.edit.link")}</Link>
      </p>
      <p className="meta">{t("cohort.list.row", { programme: d.cohort.programme, start: d.cohort.starts_on, end: d.cohort.ends_on, count: d.list.total })}</p>
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
        {result?.intent === "upload" && result.notices.length ? (
          <ul role="status" className="alert alert-draft">
            {result.notices.map((n, i) => (
              <li key={i}>{t(n.key, n.params)}</li>
            ))}
          </ul>
        ) : null}
        {result?.intent === "upload" && result.summary ? (
          <p role="status" className="alert alert-ok">
            {t("cohort.upload.done", result.summary)}
          </p>
        ) : null}
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="upload" />
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
        <h2 id="participants">{t("cohort.detail.participants", { count: d.list.total })}</h2>
        {result?.intent === "reset-link" && result.issued ? <ResetLinkNotice issued={result.issued} /> : null}
        {result?.intent === "reset-link" && result.error ? (
          <p role="alert" className="alert alert-error">
            {t(result.error)}
          </p>
        ) : null}
        {d.list.total === 0 ? (
          <p>{t("cohort.detail.noParticipants")}</p>
        ) : (
          <p>
            {t("cohort.invitations.help")}{" "}
            <CsvLink href={paths.cohortInvitationsCsv(d.cohort.id)}>{t("cohort.invitations.download")}</CsvLink>
          </p>
        )}
        {d.list.pending > 0 ? (
          d.mail ? (
            <>
              {result?.intent === "email-invitations" ? (
                <div role="status" className={result.failed.length || result.error ? "alert alert-error" : "alert alert-ok"}>
                  {result.error ? <p>{t(result.error)}</p> : <p>{t("cohort.mail.done", { sent: result.sent })}</p>}
                  {result.failed.length ? <p>{t("cohort.mail.failed", { count: result.failed.length, emails: result.failed.join(", ") })}</p> : null}
                  {result.remaining ? <p>{t("cohort.mail.remaining", { count: result.remaining })}</p> : null}
                </div>
              ) : null}
              <Form method="post" className="narrow">
                <input type="hidden" name="intent" value="email-invitations" />
                <LanguageSelect id="mail-lang" name="lang" label={t("cohort.mail.language")} defaultValue={lang} />
                <p className="hint">{t("cohort.mail.help")}</p>
                <p className="actions">
                  <button type="submit" name="scope" value="new" className="button-primary">
                    {t("cohort.mail.sendNew")}
                  </button>{" "}
                  <button type="submit" name="scope" value="all">
                    {t("cohort.mail.sendAll")}
                  </button>
                </p>
              </Form>
            </>
          ) : (
            <p className="hint">{t("cohort.mail.off")}</p>
          )
        ) : null}
        {d.list.total > 0 ? (
          <Form method="get" className="filters" role="search" action={paths.cohort(d.cohort.id)}>
            <Field name="q" label={t("cohort.participants.search")} type="search" defaultValue={d.filter.q} maxLength={200} />
            <button type="submit">{t("cohort.participants.find")}</button>{" "}
            {d.filter.q ? <Link to={paths.cohort(d.cohort.id) + "#participants"}>{t("cohort.participants.all")}</Link> : null}
          </Form>
        ) : null}
        {d.filter.q ? <p role="status">{t("cohort.participants.matching", { count: d.list.matching, q: d.filter.q })}</p> : null}
        <DataTable
          labelledBy="participants"
          columns={[t("auth.name"), t("auth.email"), t("profile.country"), t("profile.organisation"), t("cohort.detail.status"), t("cohort.detail.password")]}
        >
          {d.participants.map((p) => (
            <tr key={p.email}>
              <td>
                <Link to={paths.cohortParticipant(d.cohort.id, p.email)}>{p.name}</Link>
              </td>
              <td>{p.email}</td>
              <td>{p.country ? countryName(p.country, lang) : ""}</td>
              <td>{p.organisation ?? ""}</td>
              <td>
                {t(p.accepted ? "cohort.detail.accepted" : p.withdrawn ? "cohort.detail.withdrawn" : "cohort.detail.pending")}
                {p.emailedAt ? <span className="meta"> · {t("cohort.detail.emailed", { date: date(p.emailedAt) })}</span> : null}
              </td>
              <td>
                {p.accepted ? <ResetLinkButton field={{ name: "email", value: p.email }} name={p.name} /> : null}
              </td>
            </tr>
          ))}
        </DataTable>
        {d.list.pages > 1 ? (
          <nav className="pager" aria-label={t("cohort.participants.pages")}>
            {d.list.page > 1 ? <Link to={pageLink(d.list.page - 1)}><span className="dir-arrow" aria-hidden="true">←</span> {t("report.previous")}</Link> : <span />}
            <span>{t("report.page", { page: d.list.page, pages: d.list.pages })}</span>
            {d.list.page < d.list.pages ? <Link to={pageLink(d.list.page + 1)}>{t("report.next")} <span className="dir-arrow" aria-hidden="true">→</span></Link> : <span />}
          </nav>
        ) : null}
      </section>
    </>
  );
}
