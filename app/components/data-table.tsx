import type { ReactNode } from "react";
import { TableScroll } from "./table-scroll";

/**
 * A table of rows under a row of column headings, inside its own scroll region (`TableScroll`,
 * named by `labelledBy`, the id of the table's heading or caption). `caption`, when given, is the
 * table's `<caption>` element; `sorted` marks the column the rows are sorted by (`aria-sort`);
 * `children` are the body's rows.
 */
export function DataTable({
  labelledBy,
  caption,
  columns,
  sorted,
  children,
}: {
  labelledBy: string;
  caption?: ReactNode;
  columns: ReactNode[];
  sorted?: { column: number; direction: "ascending" | "descending" };
  children: ReactNode;
}) {
  return (
    <TableScroll labelledBy={labelledBy}>
      <table>
        {caption}
        <thead>
          <tr>
            {columns.map((c, i) => (
              <th key={i} scope="col" aria-sort={sorted?.column === i ? sorted.direction : undefined}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </TableScroll>
  );
}
