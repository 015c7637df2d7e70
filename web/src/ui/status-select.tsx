/** A filter's Status field: "Any status" or one of `statuses`, shown capitalised. */
export function StatusSelect<Status extends string>({ statuses, value, onChange }: { statuses: readonly Status[]; value: Status | undefined; onChange: (status: Status | undefined) => void }) {
  return (
    <label className="field">
      <span>Status</span>
      <select value={value ?? ''} onChange={(changed) => onChange((changed.target.value || undefined) as Status | undefined)}>
        <option value="">Any status</option>
        {statuses.map((status) => (
          <option key={status} value={status}>
            {status[0]?.toUpperCase()}
            {status.slice(1)}
          </option>
        ))}
      </select>
    </label>
  );
}
