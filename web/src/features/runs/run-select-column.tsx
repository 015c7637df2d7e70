import { createColumnHelper } from '@tanstack/react-table';
import { useEffect, useRef } from 'react';
import type { TitledRun } from '../../api/types.ts';
import type { RunSelection } from './run-selection.ts';

const column = createColumnHelper<TitledRun>();

/** The runs list's first column: a checkbox a run, and one in the header for the whole page. */
export function selectColumn(selection: RunSelection, pageIds: readonly string[]) {
  const checked = (id: string) => selection.matching !== undefined || selection.ids.has(id);
  return column.display({
    id: 'select',
    header: () => <PageCheckbox selection={selection} pageIds={pageIds} />,
    cell: (info) => (
      // On a phone each row is a card: the word says what the box at its top is for.
      <label className="run-check-label">
        <input
          type="checkbox"
          className="run-check"
          aria-label={`Select run ${info.row.original.id}`}
          checked={checked(info.row.original.id)}
          onChange={(changed) => selection.toggle(info.row.original.id, changed.target.checked)}
        />
        <span className="phone-only" aria-hidden="true">
          Select
        </span>
      </label>
    ),
  });
}

function PageCheckbox({ selection, pageIds }: { selection: RunSelection; pageIds: readonly string[] }) {
  const box = useRef<HTMLInputElement>(null);
  const selected = selection.matching !== undefined ? pageIds.length : pageIds.filter((id) => selection.ids.has(id)).length;
  const some = selected > 0 && selected < pageIds.length;
  useEffect(() => {
    if (box.current !== null) box.current.indeterminate = some;
  }, [some]);
  return (
    <input
      ref={box}
      type="checkbox"
      className="run-check"
      aria-label="Select the runs on this page"
      checked={pageIds.length > 0 && selected === pageIds.length}
      onChange={(changed) => selection.setPage(pageIds, changed.target.checked)}
    />
  );
}
