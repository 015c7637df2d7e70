import { useEffect, useState } from 'react';

/** Which runs of the list are selected: some by id, or every run matching the filters (`matching`: how many). */
export interface RunSelection {
  ids: ReadonlySet<string>;
  /** Set once the person chose every run matching the filters, with the count the server gave. */
  matching: number | undefined;
  toggle: (id: string, on: boolean) => void;
  /** Selects or clears the runs shown on the page. */
  setPage: (ids: readonly string[], on: boolean) => void;
  /** Every run matching the filters (`count` of them), the page's runs shown checked. */
  selectMatching: (count: number, page: readonly string[]) => void;
  clear: () => void;
}

/** The runs list's selection; a change of filters (`filterKey`) clears it, as the runs it named may no longer show. */
export function useRunSelection(filterKey: string): RunSelection {
  const [ids, setIds] = useState<ReadonlySet<string>>(new Set());
  const [matching, setMatching] = useState<number>();
  const clear = () => {
    setIds(new Set());
    setMatching(undefined);
  };
  useEffect(clear, [filterKey]);
  return {
    ids,
    matching,
    toggle: (id, on) => {
      setMatching(undefined);
      setIds((current) => withIds(current, [id], on));
    },
    setPage: (page, on) => {
      setMatching(undefined);
      setIds((current) => withIds(current, page, on));
    },
    selectMatching: (count, page) => {
      setIds((current) => withIds(current, page, true));
      setMatching(count);
    },
    clear,
  };
}

function withIds(current: ReadonlySet<string>, ids: readonly string[], on: boolean): ReadonlySet<string> {
  const next = new Set(current);
  for (const id of ids) {
    if (on) next.add(id);
    else next.delete(id);
  }
  return next;
}
