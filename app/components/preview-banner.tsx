import { useT } from "./i18n";

/** Says when a course is a draft (learners do not see it) and when staff read it unenrolled (nothing is recorded). */
export function PreviewBanner({ draft, preview }: { draft: boolean; preview: boolean }) {
  const t = useT();
  if (!draft && !preview) return null;
  return (
    <p role="note" className="alert alert-draft">
      {draft ? <strong>{t("preview.draft")}</strong> : null} {preview ? t("preview.unenrolled") : null}
    </p>
  );
}
