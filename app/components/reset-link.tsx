import { Form } from "@remix-run/react";
import { formatDate } from "~/i18n";
import { useLang, useT } from "./i18n";

/** A reset link as the page that issued it shows it, once. */
export interface IssuedLinkView {
  link: string;
  name: string;
  expiresAt: number;
  mail: "sent" | "failed" | "off";
}

const MAIL_NOTE = { sent: "reset.issued.sent", failed: "reset.issued.failed", off: "reset.issued.off" } as const;

/** The link just issued, to pass on by hand, and whether it was emailed too. */
export function ResetLinkNotice({ issued }: { issued: IssuedLinkView }) {
  const t = useT();
  const lang = useLang();
  return (
    <div role="status" className={issued.mail === "failed" ? "alert alert-error" : "alert alert-ok"}>
      <p>{t("reset.issued", { name: issued.name, date: formatDate(issued.expiresAt, lang, "datetime") })}</p>
      <p>
        <code className="reset-link">{issued.link}</code>
      </p>
      <p>{t(MAIL_NOTE[issued.mail])}</p>
    </div>
  );
}

/** The button that issues a reset link for one person, named by `field` (their account or their cohort place). */
export function ResetLinkButton({ field, name }: { field: { name: "userId" | "email"; value: string }; name: string }) {
  const t = useT();
  return (
    <Form method="post" className="inline-form">
      <input type="hidden" name="intent" value="reset-link" />
      <input type="hidden" name={field.name} value={field.value} />
      <button type="submit" className="link-button" aria-label={t("admin.users.resetLinkFor", { name })}>
        {t("admin.users.resetLink")}
      </button>
    </Form>
  );
}
