import type { BuilderIssue } from '../builder-types.ts';
import { FieldIssues } from './form-row.tsx';
import { issuesAt, type PlacedIssue } from './issue-match.ts';

const FIELD_TYPES = ['text', 'email', 'number', 'money', 'select', 'multiselect', 'textarea', 'url', 'date', 'checkbox'] as const;

type InputField = Record<string, unknown>;

interface InputFieldsEditorProps {
  legend: string;
  fields: readonly InputField[];
  onChange: (fields: InputField[]) => void;
  /** Issues relative to the list (`[2, 'key']` for the third field's key). */
  issues: readonly PlacedIssue[];
  help: string;
}

/** The input fields of a manual or form trigger: key, label, type, required; options for selects. */
export function InputFieldsEditor({ legend, fields, onChange, issues, help }: InputFieldsEditorProps) {
  const set = (index: number, patch: InputField) => onChange(fields.map((field, at) => (at === index ? withoutEmpty({ ...field, ...patch }) : field)));
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return (
    <fieldset className="fieldset input-fields">
      <legend>{legend}</legend>
      <span className="hint">{help}</span>
      {fields.map((field, index) => (
        <div key={index} className="input-field-row" role="group" aria-label={`Field ${index + 1}`}>
          <input aria-label="Key" className="mono" placeholder="key" value={text(field.key)} onChange={(event) => set(index, { key: event.target.value })} aria-invalid={issuesAt(issues, [index, 'key']).length > 0} />
          <input aria-label="Label" placeholder="Label people see" value={text(field.label)} onChange={(event) => set(index, { label: event.target.value })} />
          <select aria-label="Type" value={text(field.type) || 'text'} onChange={(event) => set(index, { type: event.target.value })}>
            {FIELD_TYPES.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </select>
          <label className="choice">
            <input type="checkbox" checked={field.required === true} onChange={(event) => set(index, { required: event.target.checked || undefined })} /> Required
          </label>
          <button type="button" className="button subtle" aria-label={`Remove field ${text(field.key) || index + 1}`} onClick={() => onChange(fields.filter((_, at) => at !== index))}>
            ×
          </button>
          {(field.type === 'select' || field.type === 'multiselect') && (
            <input
              aria-label="Options, separated by commas"
              className="input-field-options"
              placeholder="Options: Duplicate charge, Goodwill, Other"
              value={Array.isArray(field.options) ? field.options.join(', ') : ''}
              onChange={(event) => set(index, { options: event.target.value.split(',').map((option) => option.trim()).filter((option) => option !== '') })}
            />
          )}
          <FieldIssues issues={issuesAt(issues, [index])} />
        </div>
      ))}
      <button type="button" className="button" onClick={() => onChange([...fields, { key: '', type: 'text' }])}>
        + Add field
      </button>
      <FieldIssues issues={issues.filter(({ rest }) => rest.length === 0).map(({ issue }): BuilderIssue => issue)} />
    </fieldset>
  );
}

function withoutEmpty(field: InputField): InputField {
  return Object.fromEntries(Object.entries(field).filter(([, value]) => value !== undefined && value !== ''));
}
