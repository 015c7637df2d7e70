import type { ReactNode } from 'react';

interface StripeObjectFieldProps {
  /** The input's id; the hint's and the error's ids are made from it. */
  id: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  /** Why the id is refused: by the browser's check or by the server. */
  error?: string | undefined;
  /** Buttons beside the input (a search form's), kept on its line at any width. */
  actions?: ReactNode;
}

/** The "Stripe object" input of a filter form: an id such as `pi_…`, `ch_…` or `cus_…`. */
export function StripeObjectField({ id, value, onChange, hint, error, actions }: StripeObjectFieldProps) {
  const described = [error === undefined ? undefined : `${id}-error`, hint === undefined ? undefined : `${id}-hint`].filter((part) => part !== undefined).join(' ');
  const input = (
    <input
      id={id}
      value={value}
      onChange={(changed) => onChange(changed.target.value)}
      placeholder="pi_…, ch_…, cus_…"
      spellCheck={false}
      autoCapitalize="off"
      autoComplete="off"
      aria-invalid={error !== undefined}
      aria-describedby={described === '' ? undefined : described}
    />
  );
  return (
    <div className="field">
      <label htmlFor={id}>Stripe object</label>
      {actions === undefined ? (
        input
      ) : (
        <div className="input-actions">
          {input}
          {actions}
        </div>
      )}
      {error !== undefined && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
      {hint !== undefined && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}
