import { useRef } from 'react';
import { useFormScope } from './form-scope.tsx';
import { currencyFieldOf } from './condition-model.ts';
import type { VariableOption } from './variable-options.ts';
import { VariablePicker } from './variable-picker.tsx';

interface ValueInputProps {
  id?: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  describedBy?: string | undefined;
  multiline?: boolean;
  placeholder?: string;
  invalid?: boolean;
  /** Text people read (an email): an amount is inserted formatted, `{{ $money(object.amount, object.currency) }}`. */
  moneyAsText?: boolean;
}

/** The `{{ }}` reference to a variable; in text, an amount with a sibling currency reads as money, not minor units. */
function referenceTo(option: VariableOption, moneyAsText: boolean): string {
  if (moneyAsText && option.money && option.path.includes('.')) return `{{ $money(${option.path}, ${currencyFieldOf(option.path)}) }}`;
  return `{{ ${option.path} }}`;
}

/** A text value or template: typed, or with `{{ variable }}` inserted at the cursor from the picker. */
export function ValueInput({ id, label, value, onChange, describedBy, multiline = false, placeholder, invalid = false, moneyAsText = false }: ValueInputProps) {
  const { variables } = useFormScope();
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const insert = (option: VariableOption) => {
    const reference = referenceTo(option, moneyAsText);
    const element = input.current;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    onChange(`${value.slice(0, start)}${reference}${value.slice(end)}`);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + reference.length, start + reference.length);
    });
  };
  const common = {
    id,
    ref: input,
    value,
    placeholder,
    'aria-describedby': describedBy,
    'aria-invalid': invalid,
    'aria-label': id === undefined ? label : undefined,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
  };
  return (
    <div className={multiline ? 'value-input multiline' : 'value-input'}>
      {multiline ? <textarea {...common} rows={4} /> : <input {...common} type="text" />}
      <VariablePicker options={variables} onPick={insert} label={label} />
    </div>
  );
}
