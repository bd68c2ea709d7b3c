import type { ItemStats } from "~/reports/items";
import { formatNumber } from "~/i18n";
import { useLang, useT } from "./i18n";
import { DataTable } from "./data-table";

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
        <DataTable
          key={q.id}
          labelledBy={`items-${q.id}`}
          caption={
            <caption id={`items-${q.id}`}>
              {q.title} — {t("items.attempts", { count: q.attempts })}
            </caption>
          }
          columns={[t("items.question"), t("items.answered"), t("items.facility"), t("items.discrimination")]}
        >
          {q.items.map((i) => (
            <tr key={i.questionId}>
              <th scope="row">{i.prompt}</th>
              <td>{formatNumber(i.answered, lang)}</td>
              <td>{i.facility === null ? "—" : formatNumber(i.facility / 100, lang, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 })}</td>
              <td>{i.discrimination === null ? t("items.tooFew") : formatNumber(i.discrimination, lang, { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</td>
            </tr>
          ))}
        </DataTable>
      ))}
    </>
  );
}
