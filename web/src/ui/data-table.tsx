import { flexRender, getCoreRowModel, useReactTable, type ColumnDef } from '@tanstack/react-table';
import type { ReactNode } from 'react';

export interface DataTableProps<Row> {
  /** What the table lists, read by screen readers, e.g. "Runs". */
  caption: string;
  // Columns of different value types in one list: TanStack Table's own docs type this `any`.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<Row, any>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
  /** Whether a row is marked (e.g. failed). */
  rowClassName?: (row: Row) => string | undefined;
}

/**
 * A table on TanStack Table: columns declared with `createColumnHelper`, rows as given (paging and
 * filtering happen on the server). On a phone each row becomes a card with its column names.
 */
export function DataTable<Row>({ caption, columns, rows, rowKey, empty, rowClassName }: DataTableProps<Row>) {
  const table = useReactTable({ data: rows, columns, getCoreRowModel: getCoreRowModel(), getRowId: rowKey });
  if (rows.length === 0) return <>{empty}</>;
  return (
    <div className="table-wrap">
      <table className="data-table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {header.isPlaceholder ? null : flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} className={rowClassName?.(row.original)}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} data-label={typeof cell.column.columnDef.header === 'string' ? cell.column.columnDef.header : undefined}>
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Cursor paging: "Newer" goes back through the cursors seen, "Older" follows `next_cursor`. */
export function CursorPager({ hasPrevious, nextCursor, onPrevious, onNext }: { hasPrevious: boolean; nextCursor: string | null | undefined; onPrevious: () => void; onNext: (cursor: string) => void }) {
  if (!hasPrevious && (nextCursor === null || nextCursor === undefined)) return null;
  return (
    <nav className="pager" aria-label="Pages">
      <button type="button" className="button" disabled={!hasPrevious} onClick={onPrevious}>
        ← Newer
      </button>
      <button type="button" className="button" disabled={nextCursor === null || nextCursor === undefined} onClick={() => nextCursor && onNext(nextCursor)}>
        Older →
      </button>
    </nav>
  );
}
