import { useState } from 'react';

/**
 * Cursor paging state for a list: the cursor of the page shown and the ones before it (for "Newer").
 * `filter`: what the list is filtered by; another filter starts again at the first page.
 */
export function useCursorPages(filter = '') {
  const [pages, setPages] = useState<{ filter: string; cursors: string[] }>({ filter, cursors: [] });
  const seen = (current: typeof pages) => (current.filter === filter ? current.cursors : []);
  const cursors = seen(pages);
  return {
    cursor: cursors.at(-1),
    hasPrevious: cursors.length > 0,
    onPrevious: () => setPages((current) => ({ filter, cursors: seen(current).slice(0, -1) })),
    onNext: (cursor: string) => setPages((current) => ({ filter, cursors: [...seen(current), cursor] })),
  };
}
