import { statusLabel } from './status-label.ts';

/** A filter's Status field: "Any status" or one of `statuses`, each in its label ("Timed out"). */
export function StatusSelect<Status extends string>({ statuses, value, onChange }: { statuses: readonly Status[]; value: Status | undefined; onChange: (status: Status | undefined) => void }) {
  return (
    <label className="field">
      <span>Status</span>
      <select value={value ?? ''} onChange={(changed) => onChange((changed.target.value || undefined) as Status | undefined)}>
        <option value="">Any status</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {statusLabel(status)}
          </option>
        ))}
      </select>
    </label>
  );
}
