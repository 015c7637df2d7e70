import { statusLabel } from './status-label.ts';

/** A status word in a colour that says how it went: green done, red failed, amber waiting, grey otherwise. */
const TONES: Record<string, string> = {
  succeeded: 'good', completed: 'good', approved: 'good', active: 'good', refunded: 'good', sent: 'good', delivered: 'good',
  failed: 'bad', rejected: 'bad', denied: 'bad', canceled: 'muted', cancelled: 'muted', expired: 'bad', revoked: 'muted', archived: 'muted', inactive: 'muted',
  running: 'info', queued: 'info', sending: 'warn', pending: 'warn', waiting: 'warn', open: 'warn', submitted: 'info', draft: 'muted',
};

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge ${TONES[status.toLowerCase()] ?? 'muted'}`}>{statusLabel(status)}</span>;
}
