import { useId } from 'react';
import { MONEY_OPERATORS, OPERATOR_NAMES, OPERATORS, type ConditionRow, type Operator, type ValueKind } from './condition-model.ts';
import type { VariableOption } from './variable-options.ts';

interface RowEditorProps {
  row: ConditionRow;
  fields: readonly VariableOption[];
  defaultCurrency: string;
  problem: string | undefined;
  onChange: (row: ConditionRow) => void;
  onRemove: () => void;
}

/** How a field's value is typed: amounts in major units with a currency, numbers, true/false, or text. */
export function kindOfField(field: VariableOption | undefined): ValueKind {
  if (field === undefined) return 'text';
  if (field.money) return 'money';
  if (field.type === 'integer' || field.type === 'number' || field.type === 'timestamp') return 'number';
  if (field.type === 'boolean') return 'boolean';
  return 'text';
}

/** One "field / operator / value" row of the condition builder. */
export function ConditionRowEditor({ row, fields, defaultCurrency, problem, onChange, onRemove }: RowEditorProps) {
  const id = useId();
  const known = fields.find((field) => field.path === row.field);
  const groups = new Map<string, VariableOption[]>();
  for (const field of fields) groups.set(field.group, [...(groups.get(field.group) ?? []), field]);
  const operators = row.kind === 'money' ? [...MONEY_OPERATORS, 'empty', 'not_empty'] as Operator[] : OPERATOR_NAMES;
  const needsValue = OPERATORS[row.operator].needsValue;
  const pickField = (path: string) => {
    const field = fields.find((candidate) => candidate.path === path);
    const kind = kindOfField(field);
    // An amount is most often a threshold: a new row on one starts at "is greater than".
    const operator = kind === 'money' && ((!MONEY_OPERATORS.includes(row.operator) && needsValue) || row.field === '') ? 'gt' : row.operator;
    onChange({ field: path, operator, value: kind === row.kind ? row.value : kind === 'boolean' ? 'true' : '', kind, ...(kind === 'money' ? { currency: row.currency ?? defaultCurrency } : {}) });
  };
  return (
    <div className="condition-row" role="group" aria-label={`Condition on ${row.field || 'a field'}`}>
      <div className="condition-row-inputs">
        <select aria-label="Field" value={row.field} onChange={(event) => pickField(event.target.value)} aria-invalid={problem !== undefined && row.field === ''}>
          <option value="">Choose a field…</option>
          {known === undefined && row.field !== '' && <option value={row.field}>{row.field}</option>}
          {[...groups.entries()].map(([group, members]) => (
            <optgroup key={group} label={group}>
              {members.map((field) => (
                <option key={field.path} value={field.path}>
                  {field.path} ({field.money ? 'amount' : field.type})
                </option>
              ))}
            </optgroup>
          ))}
        </select>
        <select aria-label="Operator" value={row.operator} onChange={(event) => onChange({ ...row, operator: event.target.value as Operator })}>
          {operators.map((operator) => (
            <option key={operator} value={operator}>
              {OPERATORS[operator].label}
            </option>
          ))}
        </select>
        {needsValue && <ValueEditor id={id} row={row} onChange={onChange} defaultCurrency={defaultCurrency} invalid={problem !== undefined} />}
        <button type="button" className="button subtle condition-remove" aria-label="Remove this condition" title="Remove" onClick={onRemove}>
          ×
        </button>
      </div>
      {row.kind === 'money' && needsValue ? (
        // The field's own description speaks of minor units; here the amount is typed in major units.
        <span className="hint">In {(row.currency ?? defaultCurrency).toUpperCase()}, e.g. 1,000 or 19.99: compared in minor units through $minor.</span>
      ) : (
        known?.description && <span className="hint">{known.description}</span>
      )}
      {problem !== undefined && <p className="field-error">{problem}</p>}
    </div>
  );
}

function ValueEditor({ id, row, onChange, defaultCurrency, invalid }: { id: string; row: ConditionRow; onChange: (row: ConditionRow) => void; defaultCurrency: string; invalid: boolean }) {
  if (row.kind === 'boolean' && row.operator !== 'in') {
    return (
      <select aria-label="Value" value={row.value} onChange={(event) => onChange({ ...row, value: event.target.value })}>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (row.kind === 'money') {
    return (
      <span className="condition-money">
        <input id={`${id}-amount`} aria-label="Amount" inputMode="decimal" placeholder="1,000.00" value={row.value} aria-invalid={invalid} onChange={(event) => onChange({ ...row, value: event.target.value })} />
        <input
          aria-label="Currency"
          className="currency-input"
          maxLength={3}
          value={(row.currency ?? defaultCurrency).toUpperCase()}
          onChange={(event) => onChange({ ...row, currency: event.target.value.toLowerCase() })}
        />
      </span>
    );
  }
  const placeholder = row.operator === 'in' ? 'a, b, c' : row.kind === 'number' ? '0' : 'text';
  return (
    <input
      aria-label={row.operator === 'in' ? 'Values, separated by commas' : 'Value'}
      inputMode={row.kind === 'number' ? 'decimal' : undefined}
      placeholder={placeholder}
      value={row.value}
      aria-invalid={invalid}
      onChange={(event) => onChange({ ...row, value: event.target.value })}
    />
  );
}
