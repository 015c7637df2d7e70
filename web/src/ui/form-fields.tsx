/** Labelled inputs of the forms (settings, the catalog editor): the hint and the error are tied to the input, so screen readers read them with it. */
import { useId, type ReactNode } from 'react';

export interface TextInputProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  hint?: string;
  optional?: boolean;
  required?: boolean;
  placeholder?: string;
  /** Focused when it mounts (the first field of a dialog). */
  autoFocus?: boolean;
}

/** A labelled text input with its hint and its error, tied to it for screen readers. */
export function TextField({ label, value, onChange, error, hint, optional, required, placeholder, autoFocus }: TextInputProps) {
  return (
    <FieldFrame label={label} hint={hint} optional={optional} error={error}>
      {({ id, describedBy }) => (
        <input id={id} value={value} onChange={(event) => onChange(event.target.value)} aria-invalid={error !== undefined} aria-describedby={describedBy} required={required} placeholder={placeholder} autoFocus={autoFocus} />
      )}
    </FieldFrame>
  );
}

export function TextArea({ label, value, onChange, error, hint, optional, placeholder, rows }: TextInputProps & { rows: number }) {
  return (
    <FieldFrame label={label} hint={hint} optional={optional} error={error}>
      {({ id, describedBy }) => <textarea id={id} value={value} rows={rows} onChange={(event) => onChange(event.target.value)} aria-invalid={error !== undefined} aria-describedby={describedBy} placeholder={placeholder} />}
    </FieldFrame>
  );
}

/** The label, hint and error around one input; `children` gets the input's id and the ids that describe it. */
export function FieldFrame(props: { label: string; hint?: string | undefined; optional?: boolean | undefined; error: string | undefined; children: (input: { id: string; describedBy: string | undefined }) => ReactNode }) {
  const { label, hint, optional, error, children } = props;
  const id = useId();
  const describedBy = [hint === undefined ? undefined : `${id}-hint`, error === undefined ? undefined : `${id}-error`].filter((item) => item !== undefined).join(' ') || undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {optional === true && <span className="hint"> (optional)</span>}
      </label>
      {children({ id, describedBy })}
      {hint !== undefined && (
        <span className="hint" id={`${id}-hint`}>
          {hint}
        </span>
      )}
      {error !== undefined && (
        <span className="field-error" id={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}
