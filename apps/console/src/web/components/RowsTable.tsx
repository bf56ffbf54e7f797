import type { ReactNode } from 'react';

/**
 * A list of records, one per row, under column headings (members, keys, webhooks, bots, audit, deliveries…).
 * `busy` marks it while a new page loads; `data-*` attributes name it for tests.
 */
export const RowsTable = ({
  columns,
  busy,
  children,
  ...data
}: {
  columns: readonly string[];
  busy?: boolean;
  children: ReactNode;
} & { [attribute: `data-${string}`]: boolean | string | undefined }) => (
  <table className="rows" aria-busy={busy} {...data}>
    <thead>
      <tr>
        {columns.map((column) => (
          <th key={column} scope="col">
            {column}
          </th>
        ))}
      </tr>
    </thead>
    <tbody>{children}</tbody>
  </table>
);
