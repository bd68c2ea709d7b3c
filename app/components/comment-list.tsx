import { useLang, useT } from "./i18n";
import { formatDate } from "~/i18n";

/** A reviewer's comments on a drafting exercise, oldest first; the learner and reviewers see the same list. */
export function CommentList({ comments }: { comments: { id: string; body: string; author: string; created_at: number }[] }) {
  const t = useT();
  const lang = useLang();
  if (comments.length === 0) return null;
  return (
    <section aria-labelledby="comments">
      <h2 id="comments">{t("exercise.comments")}</h2>
      {comments.map((c) => (
        <blockquote key={c.id} className="comment">
          <p>{c.body}</p>
          <footer className="meta">{t("exercise.commentBy", { author: c.author, date: formatDate(c.created_at, lang, "datetime") })}</footer>
        </blockquote>
      ))}
    </section>
  );
}
