import type { BuilderIssue } from '../builder-types.ts';
import { objectOf } from './draft-patch.ts';
import { FormRow } from './form-row.tsx';
import { KeyValueRows } from './key-value-rows.tsx';
import type { OperationParam } from './reference-types.ts';
import { RecipientsInput } from './recipients-input.tsx';
import { ValueInput } from './value-input.tsx';

interface ParamFieldProps {
  param: OperationParam;
  value: unknown;
  onChange: (value: unknown) => void;
  issues: readonly BuilderIssue[];
  docsUrl?: string | null;
}

const TYPE_HINTS: Partial<Record<OperationParam['type'], string>> = {
  integer: 'A whole number; amounts in minor units (1999 for 19.99 USD).',
  timestamp: 'A Unix time in seconds.',
};

/** One parameter of an operation, by its type: a value or `{{ }}` reference, key/value rows, recipients. */
export function ParamField({ param, value, onChange, issues, docsUrl }: ParamFieldProps) {
  const help = [param.description, TYPE_HINTS[param.type]].filter(Boolean).join(' ');
  return (
    <FormRow label={param.name} required={param.required} help={help} issues={issues} docsUrl={docsUrl}>
      {(id, describedBy) => <ParamInput id={id} describedBy={describedBy} param={param} value={value} onChange={onChange} invalid={issues.length > 0} />}
    </FormRow>
  );
}

function ParamInput({ id, describedBy, param, value, onChange, invalid }: { id: string; describedBy: string | undefined; param: OperationParam; value: unknown; onChange: (value: unknown) => void; invalid: boolean }) {
  if (param.recipients || param.type === 'recipients') return <RecipientsInput id={id} label={param.name} value={value} onChange={onChange} describedBy={describedBy} />;
  if (param.type === 'object' && (value === undefined || (typeof value === 'object' && value !== null && !Array.isArray(value)))) {
    return <KeyValueRows label={param.name} value={objectOf(value)} onChange={(next) => onChange(Object.keys(next).length === 0 ? undefined : next)} />;
  }
  if (param.type === 'boolean' && typeof value !== 'string') {
    return (
      <select id={id} aria-describedby={describedBy} value={typeof value === 'boolean' ? String(value) : ''} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value === 'true')}>
        <option value="">Not set</option>
        <option value="true">true</option>
        <option value="false">false</option>
      </select>
    );
  }
  if (typeof value === 'object' && value !== null) {
    return (
      <p id={id} className="muted small">
        <code>{JSON.stringify(value)}</code> (edit it in the YAML tab)
      </p>
    );
  }
  const numeric = param.type === 'integer' || param.type === 'timestamp';
  return (
    <ValueInput
      id={id}
      label={param.name}
      describedBy={describedBy}
      invalid={invalid}
      value={typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : ''}
      placeholder={numeric ? '1999 or {{ charge.amount }}' : undefined}
      onChange={(next) => onChange(next === '' ? undefined : numeric && /^-?\d+$/.test(next.trim()) ? Number(next.trim()) : next)}
    />
  );
}
