import { useEffect, useState } from 'react';
import { formatRelative } from '../../ui/time.ts';
import type { SaveState } from './use-draft-sync.ts';

/** The save state in a few words for the header: "Saved · 2 s ago", "Not saved: 2 problems". */
export function SaveStateWords({ state, onServer }: { state: SaveState; onServer: boolean }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (state.kind !== 'saved') return undefined;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [state.kind]);
  switch (state.kind) {
    case 'unchanged':
      return <span className="builder-save muted">{onServer ? 'Saved' : 'Not saved yet: kept in this browser'}</span>;
    case 'pending':
      return <span className="builder-save muted">Saving…</span>;
    case 'saved': {
      const seconds = Math.max(0, Math.round((now - state.at) / 1000));
      return <span className="builder-save good">Saved · {seconds < 60 ? `${seconds} s ago` : formatRelative(new Date(state.at).toISOString(), now)}</span>;
    }
    case 'invalid':
      return (
        <span className="builder-save bad" title="Your changes are kept in this browser until the draft is valid and saved.">
          Not saved: {state.problems} problem{state.problems === 1 ? '' : 's'}
        </span>
      );
    case 'failed':
      return <span className="builder-save bad">Not saved: {state.message}</span>;
    default: {
      const unknown: never = state;
      return unknown;
    }
  }
}
