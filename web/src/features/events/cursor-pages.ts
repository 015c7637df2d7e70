import { useState } from 'react';

/** Cursor paging state for a list: the cursor of the page shown and the ones before it (for "Newer"). */
export function useCursorPages() {
  const [cursors, setCursors] = useState<string[]>([]);
  return {
    cursor: cursors.at(-1),
    hasPrevious: cursors.length > 0,
    onPrevious: () => setCursors((list) => list.slice(0, -1)),
    onNext: (cursor: string) => setCursors((list) => [...list, cursor]),
  };
}
