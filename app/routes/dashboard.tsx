import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { CourseCard } from "~/components/course-card";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { OfflineStatus } from "~/components/offline-status";
import { ProgressBar } from "~/components/progress";
import { dashboardView } from "~/learning/pages.server";
import { learnerPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { formatDate } from "~/i18n";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "dashboard.title") }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, user, lang, t, can } = await learnerPage(args);
  const joined = new URL(args.request.url).searchParams.get("joined");
  const notice = joined === "new" ? ("dashboard.joined" as const) : joined === "already" ? ("dashboard.alreadyJoined" as const) : null;
  return json({ ...(await dashboardView(rt.db, rt.catalog, user, can("course.viewDraft"), lang, t)), notice });
}

export default function Dashboard() {
  const { name, courses, reviews, notice } = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  return (
    <>
      <h1>{t("dashboard.title")}</h1>
      {notice ? (
        <p role="status" className="alert alert-ok">
          {t(notice)}
        </p>
      ) : null}
      <p>{t("dashboard.welcome", { name })}</p>
      <OfflineStatus />
      {reviews.length > 0 ? (
        <section aria-labelledby="reviews-heading">
          <h2 id="reviews-heading">{t("dashboard.reviews")}</h2>
          <ul className="flags">
            {reviews.map((r) => (
              <li key={r.path} lang={r.lang} className={r.status === "returned" ? "alert" : "alert alert-ok"}>
                <strong>{t(`dashboard.review.${r.status}`)}</strong>{" "}
                <Link to={r.path}>{r.exercise}</Link> ({r.course}){r.reviewedAt ? `, ${formatDate(r.reviewedAt, lang)}` : ""}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <Form method="get" action={paths.join} className="inline-form join-form">
        <label htmlFor="code">{t("dashboard.inviteCode")}</label>
        <input id="code" name="code" type="text" autoComplete="off" maxLength={20} required />
        <button type="submit">{t("join.submit")}</button>
      </Form>
      {courses.length === 0 ? (
        <p>
          {t("dashboard.none")} <Link to={paths.home}>{t("dashboard.browse")}</Link>
        </p>
      ) : (
        <ul className="cards">
          {courses.map((c) => (
            <CourseCard key={c.id} course={c}>
              <ProgressBar percent={c.percent} />
              {c.completedAt ? (
                <p className="alert alert-ok">
                  {t("dashboard.completedOn", { date: formatDate(c.completedAt, lang) })}
                </p>
              ) : null}
              {c.next ? (
                <p>
                  <Link className="button-primary" to={c.next.path}>
                    {c.next.title
                      ? t("dashboard.continueWith", { title: c.next.kind === "quiz" ? `${t("course.quiz")}: ${c.next.title}` : c.next.title })
                      : t("course.continue")}
                  </Link>
                </p>
              ) : null}
            </CourseCard>
          ))}
        </ul>
      )}
    </>
  );
}
