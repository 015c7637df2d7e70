import type { FormField } from '../../api/types.ts';
import type { DraftValue, MoneyDraft } from './form-draft.ts';
import { currencyOfLabel, formatFieldValue } from './field-value.ts';

interface FieldInputProps {
  field: FormField;
  value: DraftValue;
  error: string | undefined;
  onChange: (value: DraftValue) => void;
}

/** One form field: its label, its input by type, its help, and its error right under it. */
export function FormFieldInput({ field, value, error, onChange }: FieldInputProps) {
  const id = `field-${field.key}`;
  const errorId = `${id}-error`;
  const helpId = `${id}-help`;
  const describedBy = [field.help === undefined ? undefined : helpId, error === undefined ? undefined : errorId].filter(Boolean).join(' ') || undefined;
  const common = { id, 'aria-invalid': error !== undefined, 'aria-describedby': describedBy, 'aria-required': field.required };
  const label = field.label ?? field.key;
  const grouped = field.type === 'multiselect' || field.type === 'money';
  const Wrapper = grouped ? 'fieldset' : 'div';
  return (
    <Wrapper className={grouped ? 'field form-field fieldset' : 'field form-field'}>
      {grouped ? (
        <legend>
          {label}
          {field.required && <RequiredMark />}
        </legend>
      ) : field.type === 'checkbox' ? null : (
        <label htmlFor={id}>
          {label}
          {field.required && <RequiredMark />}
        </label>
      )}
      {field.help !== undefined && (
        <span id={helpId} className="hint">
          {field.help}
        </span>
      )}
      <Input field={field} value={value} onChange={onChange} common={common} label={label} />
      {error !== undefined && (
        <p id={errorId} className="field-error">
          {error}
        </p>
      )}
    </Wrapper>
  );
}

function RequiredMark() {
  return (
    // aria-required on the input says it to screen readers; the star is for eyes.
    <span className="required-mark" aria-hidden="true" title="required">
      {' *'}
    </span>
  );
}

type Common = { id: string; 'aria-invalid': boolean; 'aria-describedby': string | undefined; 'aria-required': boolean };

function Input({ field, value, onChange, common, label }: { field: FormField; value: DraftValue; onChange: (value: DraftValue) => void; common: Common; label: string }) {
  switch (field.type) {
    case 'textarea':
      return <textarea {...common} value={text(value)} onChange={(event) => onChange(event.target.value)} />;
    case 'select':
      return (
        <select {...common} value={text(value)} onChange={(event) => onChange(event.target.value)}>
          <option value="">Choose…</option>
          {field.options?.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      );
    case 'multiselect': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <div className="choice-list" aria-describedby={common['aria-describedby']}>
          {field.options?.map((option) => (
            <label key={option} className="choice">
              <input
                type="checkbox"
                checked={chosen.includes(option)}
                onChange={(event) => onChange(event.target.checked ? [...chosen, option] : chosen.filter((item) => item !== option))}
              />
              {option}
            </label>
          ))}
        </div>
      );
    }
    case 'checkbox':
      return (
        <label className="choice">
          <input {...common} type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} />
          {label}
          {field.required && <RequiredMark />}
        </label>
      );
    case 'money':
      return <MoneyInput field={field} value={isMoney(value) ? value : { amount: '', currency: '' }} onChange={onChange} common={common} />;
    case 'number': {
      // A number field labelled with a currency ("Refund Amount (USD)") is an amount: show what it reads as.
      const typed = text(value).trim();
      const preview = currencyOfLabel(field.label) !== undefined && /^\d+(\.\d+)?$/.test(typed) ? formatFieldValue(field, Number(typed)) : undefined;
      return (
        <div className="money-input">
          <input {...common} type="text" inputMode="decimal" autoComplete="off" placeholder="e.g. 1500.00" value={text(value)} onChange={(event) => onChange(event.target.value)} />
          {preview !== undefined && <span className="muted money-preview">= {preview}</span>}
        </div>
      );
    }
    case 'date':
      return <input {...common} type="date" value={text(value)} onChange={(event) => onChange(event.target.value)} />;
    case 'email':
      return <input {...common} type="email" autoComplete="off" value={text(value)} onChange={(event) => onChange(event.target.value)} />;
    case 'url':
      return <input {...common} type="url" placeholder="https://" value={text(value)} onChange={(event) => onChange(event.target.value)} />;
    case 'text':
      return <input {...common} type="text" value={text(value)} onChange={(event) => onChange(event.target.value)} />;
    default: {
      const unknownType: never = field.type;
      return <p className="field-error">This form has a field of an unknown type ({String(unknownType)}).</p>;
    }
  }
}

/** Amount in major units as the server reads it (digits and a dot, no thousands separators), and its currency. */
function MoneyInput({ field, value, onChange, common }: { field: FormField; value: MoneyDraft; onChange: (value: DraftValue) => void; common: Common }) {
  const preview = /^\d+(\.\d+)?$/.test(value.amount.trim()) && /^[A-Za-z]{3}$/.test(value.currency.trim()) ? formatFieldValue(field, { amount: Number(value.amount), currency: value.currency.trim() }) : undefined;
  return (
    <div className="money-input">
      <label className="visually-hidden" htmlFor={common.id}>
        Amount
      </label>
      <input {...common} type="text" inputMode="decimal" autoComplete="off" placeholder="e.g. 1500.00" value={value.amount} onChange={(event) => onChange({ ...value, amount: event.target.value })} />
      <label className="visually-hidden" htmlFor={`${common.id}-currency`}>
        Currency
      </label>
      <input
        id={`${common.id}-currency`}
        className="currency-input"
        type="text"
        maxLength={3}
        placeholder="usd"
        autoComplete="off"
        value={value.currency}
        aria-invalid={common['aria-invalid']}
        onChange={(event) => onChange({ ...value, currency: event.target.value })}
      />
      {preview !== undefined && <span className="muted money-preview">= {preview}</span>}
    </div>
  );
}

function text(value: DraftValue): string {
  return typeof value === 'string' ? value : '';
}

function isMoney(value: DraftValue): value is MoneyDraft {
  return typeof value === 'object' && !Array.isArray(value);
}
