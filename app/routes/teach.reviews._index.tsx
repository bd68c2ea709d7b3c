import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { permittedPage } from "~/lib/guards.server";
import { reviewQueueView } from "~/teaching/reviews.server";
import { formatDate } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "review.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user } = await permittedPage(args, "exercises.review");
  const sent = new URL(args.request.url).searchParams.get("mail");
  const mail: "sent" | "failed" | null = sent === "sent" || sent === "failed" ? sent : null;
  return json({ queue: await reviewQueueView(rt.db, rt.catalog, user), mail });
}

const MAIL_NOTICE = { sent: "review.mail.sent", failed: "review.mail.failed" } as const;

export default function Reviews() {
  const { queue, mail } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("review.title")}</h1>
      {mail ? (
        <p role="status" className={mail === "failed" ? "alert alert-error" : "alert alert-ok"}>
          {t(MAIL_NOTICE[mail])}
        </p>
      ) : null}
      {queue.length === 0 ? <p>{t("review.empty")}</p> : null}
      <ul>
        {queue.map((q) => (
          <li key={q.path}>
            {t("review.row", { name: q.name, exercise: q.exercise, course: q.course, date: formatDate(q.submittedAt, lang) })}{" "}
            <Link to={q.path}>{t("review.open")}</Link>
          </li>
        ))}
      </ul>
    </>
  );
}
