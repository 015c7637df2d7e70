import { useId, useMemo, useState } from 'react';

interface SearchPickerProps<T> {
  label: string;
  items: readonly T[];
  keyOf: (item: T) => string;
  groupOf: (item: T) => string;
  /** The words a search matches, besides the key. */
  wordsOf?: (item: T) => string;
  detailOf?: (item: T) => string | null;
  onPick: (item: T) => void;
  placeholder: string;
  /** How many matches to show at most (the rest are reached by typing). */
  limit?: number;
}

/** A search box over a list grouped under headings; every word typed must match (key or words). */
export function SearchPicker<T>({ label, items, keyOf, groupOf, wordsOf, detailOf, onPick, placeholder, limit = 80 }: SearchPickerProps<T>) {
  const [search, setSearch] = useState('');
  const id = useId();
  const matches = useMemo(() => {
    const words = search.toLowerCase().split(/\s+/).filter((word) => word !== '');
    return items.filter((item) => {
      const text = `${keyOf(item)} ${groupOf(item)} ${wordsOf?.(item) ?? ''}`.toLowerCase();
      return words.every((word) => text.includes(word));
    });
  }, [items, search, keyOf, groupOf, wordsOf]);
  const shown = matches.slice(0, limit);
  const groups = new Map<string, T[]>();
  for (const item of shown) groups.set(groupOf(item), [...(groups.get(groupOf(item)) ?? []), item]);
  return (
    <div className="search-picker">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input id={id} type="search" value={search} placeholder={placeholder} autoComplete="off" onChange={(event) => setSearch(event.target.value)} />
      <div className="search-picker-list" role="group" aria-label={label}>
        {shown.length === 0 && <p className="muted small search-picker-none">Nothing matches “{search}”.</p>}
        {[...groups.entries()].map(([group, members]) => (
          <div key={group} className="search-picker-group">
            <p className="search-picker-heading">{group}</p>
            {members.map((item) => (
              <button key={keyOf(item)} type="button" className="search-picker-item" onClick={() => onPick(item)}>
                <span className="mono">{keyOf(item)}</span>
                {detailOf?.(item) && <span className="muted small">{detailOf(item)}</span>}
              </button>
            ))}
          </div>
        ))}
        {matches.length > shown.length && <p className="muted small search-picker-none">{matches.length - shown.length} more: type to narrow the list.</p>}
      </div>
    </div>
  );
}
