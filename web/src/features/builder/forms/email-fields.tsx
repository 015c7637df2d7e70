import { objectOf } from './draft-patch.ts';
import { FieldIssues, FormRow } from './form-row.tsx';
import { issuesAt, type PlacedIssue } from './issue-match.ts';
import { ParamField } from './param-field.tsx';
import type { OperationParam, OperationReference } from './reference-types.ts';
import { ValueInput } from './value-input.tsx';

type Doc = Record<string, unknown>;

interface EmailFieldsProps {
  operation: OperationReference | undefined;
  values: Doc;
  set: (name: string, value: unknown) => void;
  /** Issues relative to the step (`['with', 'to']`). */
  placed: readonly PlacedIssue[];
}

const fallback = (name: string, required = false): OperationParam => ({ name, type: 'string', required, description: null, recipients: false });

/**
 * `email.send` as the Stripe Dashboard's "Email team member": To, Subject, Body, and label/value
 * fields appended as a table (the `fields` param); Cc and Reply-To below.
 */
export function EmailFields({ operation, values, set, placed }: EmailFieldsProps) {
  const param = (name: string) => operation?.params.find((candidate) => candidate.name === name);
  const rows = Array.isArray(values.fields) ? values.fields.map(objectOf) : [];
  const setRows = (next: Doc[]) => set('fields', next.length === 0 ? undefined : next);
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name]) : '');
  return (
    <div className="email-fields">
      <ParamField param={{ ...fallback('to', true), recipients: true, type: 'recipients', ...param('to'), name: 'To' }} value={values.to} onChange={(value) => set('to', value)} issues={issuesAt(placed, ['with', 'to'])} />
      <FormRow label="Subject" required issues={issuesAt(placed, ['with', 'subject'])}>
        {(id, describedBy) => <ValueInput id={id} label="Subject" moneyAsText describedBy={describedBy} value={text('subject')} placeholder="Handwritten note for order {{ object.id }}" onChange={(value) => set('subject', value || undefined)} />}
      </FormRow>
      <FormRow label="Body" help="Blank lines separate paragraphs." issues={issuesAt(placed, ['with', 'body'])}>
        {(id, describedBy) => <ValueInput id={id} label="Body" multiline moneyAsText describedBy={describedBy} value={text('body')} onChange={(value) => set('body', value || undefined)} />}
      </FormRow>
      <fieldset className="fieldset email-appended">
        <legend>Fields</legend>
        <span className="hint">Appended to the email as a table: a label and its value.</span>
        {rows.map((row, index) => (
          <div key={index} className="label-value-row" role="group" aria-label={`Field ${index + 1}`}>
            <input aria-label={`Field ${index + 1} label`} placeholder="Label, e.g. Customer ID" value={typeof row.label === 'string' ? row.label : ''} onChange={(event) => setRows(rows.map((old, at) => (at === index ? { ...old, label: event.target.value } : old)))} />
            <ValueInput label={`Field ${index + 1} value`} moneyAsText placeholder="{{ object.customer }}" value={typeof row.value === 'string' ? row.value : row.value === undefined ? '' : JSON.stringify(row.value)} onChange={(value) => setRows(rows.map((old, at) => (at === index ? { ...old, value } : old)))} />
            <button type="button" className="button subtle" aria-label={`Remove field ${index + 1}`} onClick={() => setRows(rows.filter((_, at) => at !== index))}>
              ×
            </button>
            <FieldIssues issues={issuesAt(placed, ['with', 'fields', index])} />
          </div>
        ))}
        <button type="button" className="button" onClick={() => setRows([...rows, { label: '', value: '' }])}>
          + Add field
        </button>
        <FieldIssues issues={placed.filter(({ rest }) => rest[0] === 'with' && rest[1] === 'fields' && rest.length === 2).map(({ issue }) => issue)} />
      </fieldset>
      <details className="builder-advanced" open={['cc', 'reply_to'].some((key) => values[key] !== undefined || issuesAt(placed, ['with', key]).length > 0)}>
        <summary>Cc and Reply-To</summary>
        <ParamField param={{ ...fallback('cc'), recipients: true, type: 'recipients', ...param('cc'), name: 'Cc' }} value={values.cc} onChange={(value) => set('cc', value)} issues={issuesAt(placed, ['with', 'cc'])} />
        <ParamField param={{ ...fallback('reply_to'), ...param('reply_to'), name: 'Reply-To' }} value={values.reply_to} onChange={(value) => set('reply_to', value)} issues={issuesAt(placed, ['with', 'reply_to'])} />
      </details>
    </div>
  );
}
