import { excelDialect } from "~/reports/format";
import { useLang, useT } from "./i18n";

/**
 * A CSV download, and beside it the same file for Excel where the reader's locale writes decimals
 * with a comma (Excel there expects semicolons, decision 037).
 */
export function CsvLink({ href, children }: { href: string; children: React.ReactNode }) {
  const t = useT();
  const excel = excelDialect(useLang()).separator !== ",";
  return (
    <>
      <a href={href} download>
        {children}
      </a>
      {excel ? (
        <>
          {" · "}
          <a href={`${href}${href.includes("?") ? "&" : "?"}format=excel`} download>
            {t("csv.excel")}
          </a>
        </>
      ) : null}
    </>
  );
}
