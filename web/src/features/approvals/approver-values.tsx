import type { FormField } from '../../api/types.ts';
import { describeField } from './field-value.ts';

/**
 * What an approver filled in (the step's `form`), by the fields' labels and in form order, formatted
 * as the request's values are; a value of no field of the form (none is accepted) comes last, by its key.
 */
export function ApproverValues({ fields, values, label }: { fields: readonly FormField[] | null; values: Record<string, unknown>; label: string }) {
  const known = fields ?? [];
  const others = Object.keys(values).filter((key) => !known.some((field) => field.key === key));
  const rows = [...known.map((field) => ({ key: field.key, label: field.label ?? field.key, type: field.type })), ...others.map((key) => ({ key, label: key, type: 'text' as const }))];
  return (
    <dl className="kv approver-values" aria-label={label}>
      {rows.map((row) => {
        const { label: shown, text } = describeField({ ...row, value: values[row.key] });
        return (
          <div className="kv-row" key={row.key}>
            <dt>{shown}</dt>
            <dd className={row.type === 'textarea' ? 'prewrap' : undefined}>{text}</dd>
          </div>
        );
      })}
    </dl>
  );
}
