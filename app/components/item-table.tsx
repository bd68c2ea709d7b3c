import type { ItemStats } from "~/reports/items";
import { useT } from "./i18n";

export interface QuizItems {
  id: string;
  title: string;
  attempts: number;
  items: (ItemStats & { prompt: string })[];
}

export function ItemTables({ quizzes }: { quizzes: QuizItems[] }) {
  const t = useT();
  return (
    <>
      {quizzes.map((q) => (
        <div key={q.id} className="table-wrap">
          <table>
            <caption>
              {q.title} — {t("items.attempts", { count: q.attempts })}
            </caption>
            <thead>
              <tr>
                <th scope="col">{t("items.question")}</th>
                <th scope="col">{t("items.answered")}</th>
                <th scope="col">{t("items.facility")}</th>
                <th scope="col">{t("items.discrimination")}</th>
              </tr>
            </thead>
            <tbody>
              {q.items.map((i) => (
                <tr key={i.questionId}>
                  <th scope="row">{i.prompt}</th>
                  <td>{i.answered}</td>
                  <td>{i.facility === null ? "—" : `${i.facility.toFixed(1)}%`}</td>
                  <td>{i.discrimination === null ? t("items.tooFew") : i.discrimination.toFixed(2)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </>
  );
}
