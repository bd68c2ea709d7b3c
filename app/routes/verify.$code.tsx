import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { verification } from "~/certificates/views.server";
import { BadgeChecks } from "~/components/badge-checks";
import { pageTitle, useLang, useT } from "~/components/i18n";
import { formatDate } from "~/i18n";
import { publicPage } from "~/lib/guards.server";
import { paths } from "~/lib/links";
import { publicOrigin } from "~/lib/public-url.server";

export const meta: MetaFunction = ({ matches }) => [{ title: pageTitle(matches, "verify.title") }, { name: "robots", content: "noindex" }];

export async function loader(args: LoaderFunctionArgs) {
  const { rt, lang } = await publicPage(args);
  const found = await verification(rt, args.params.code, lang, publicOrigin(rt, args.request));
  if (!found) return json({ found: false as const }, { status: 404 });
  return json({ found: true as const, ...found });
}

export default function Verify() {
  const d = useLoaderData<typeof loader>();
  const t = useT();
  const lang = useLang();
  const date = (ms: number) => formatDate(ms, lang, "long");
  return (
    <section className="narrow">
      <h1>{t("verify.title")}</h1>
      {!d.found ? (
        <p role="status" className="alert alert-error">
          {t("verify.unknown")}
        </p>
      ) : (
        <>
          {d.revokedAt || !d.valid ? (
            <p role="status" className="alert alert-error">
              <strong>{d.revokedAt ? t("verify.revoked", { date: date(d.revokedAt) }) : t("verify.file.invalid")}</strong>
            </p>
          ) : d.holderDeleted ? (
            <p role="status" className="alert">
              <strong>{t("verify.holderDeleted")}</strong>
            </p>
          ) : (
            <p role="status" className="alert alert-ok">
              <strong>{t("verify.valid")}</strong>
            </p>
          )}
          <p>
            {d.holderDeleted
              ? t("verify.whatDeleted", { course: d.course, hours: d.hours, date: date(d.issuedAt), programme: d.programme })
              : t("verify.what", { name: d.name, course: d.course, hours: d.hours, date: date(d.issuedAt), programme: d.programme })}
          </p>
          <BadgeChecks checks={d.checks} />
        </>
      )}
      <p>
        <Link to={paths.verifyFile}>{t("verify.file.link")}</Link>
      </p>
    </section>
  );
}
