import { useCopy } from '../../ui/copy-value.tsx';

/** A secret shown once (an API key, a first password), with a copy button and the warning that it will not be shown again. */
export function OneTimeSecret({ label, value, onDone, children }: { label: string; value: string; onDone: () => void; children?: React.ReactNode }) {
  const { copied, copy } = useCopy(value);
  return (
    <div className="one-time-secret" role="status" aria-live="polite">
      <p className="one-time-title">{label}</p>
      {children}
      <div className="one-time-value">
        <code data-testid="one-time-secret">{value}</code>
        <button type="button" className="button" onClick={() => void copy()}>
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      {copied === 'failed' && <p className="field-error">The browser did not allow copying; select the text and copy it by hand.</p>}
      <p className="one-time-warning">It will not be shown again: copy it now.</p>
      <button type="button" className="button" onClick={onDone}>
        Done, hide it
      </button>
    </div>
  );
}
