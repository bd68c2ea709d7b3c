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
