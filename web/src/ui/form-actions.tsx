import { useRef, type FormEvent } from 'react';
import { newIdempotencyKey } from '../api/api-client.ts';

/** The foot of a settings form: what no field shows (`rest`), the submit button, and Cancel when given. */
export function FormActions(props: { rest: string | undefined; pending: boolean; label: string; pendingLabel: string; hiddenLabel?: string; onCancel?: () => void }) {
  const { rest, pending, label, pendingLabel, hiddenLabel, onCancel } = props;
  return (
    <>
      {rest !== undefined && (
        <p className="form-error" role="alert">
          {rest}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? pendingLabel : label}
          {hiddenLabel !== undefined && <span className="visually-hidden"> {hiddenLabel}</span>}
        </button>
        {onCancel !== undefined && (
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </>
  );
}

/**
 * One `Idempotency-Key` per submit of the same values: a retry after a lost answer takes effect once, and
 * `edited(set)` wraps a setter so an edit starts a new submit. `submit` sends with the key.
 */
export function useKeyedSubmit(send: (idempotencyKey: string) => void) {
  const key = useRef<string | null>(null);
  const edited =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      key.current = null;
      set(value);
    };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    key.current ??= newIdempotencyKey();
    send(key.current);
  };
  return { edited, submit, forget: () => (key.current = null) };
}
