import type { ItemStats } from "~/reports/items";
import { formatNumber } from "~/i18n";
import { useLang, useT } from "./i18n";
import { TableScroll } from "./table-scroll";

export interface QuizItems {
  id: string;
  title: string;
  attempts: number;
  items: (ItemStats & { prompt: string })[];
}

export function ItemTables({ quizzes }: { quizzes: QuizItems[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <>
      {quizzes.map((q) => (
        <TableScroll key={q.id} labelledBy={`items-${q.id}`}>
          <table>
            <caption id={`items-${q.id}`}>
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
                  <td>{formatNumber(i.answered, lang)}</td>
                  <td>{i.facility === null ? "—" : formatNumber(i.facility / 100, lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 })}</td>
                  <td>{i.discrimination === null ? t("items.tooFew") : formatNumber(i.discrimination, lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      ))}
    </>
  );
}
