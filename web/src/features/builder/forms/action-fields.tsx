import { useState } from 'react';
import { objectOf, patched, textOf } from './draft-patch.ts';
import { EmailFields } from './email-fields.tsx';
import { FieldIssues, FormRow } from './form-row.tsx';
import { issuesAt, type PlacedIssue } from './issue-match.ts';
import { KeyValueRows } from './key-value-rows.tsx';
import { OperationField } from './operation-field.tsx';
import { ParamField } from './param-field.tsx';
import type { OperationReference } from './reference-types.ts';
import { StepSelect } from './step-select.tsx';

type Doc = Record<string, unknown>;

interface ActionFieldsProps {
  step: Doc;
  set: (changes: Doc) => void;
  placed: readonly PlacedIssue[];
  operations: readonly OperationReference[];
}

/** An action step: the operation, a form generated from its parameters, then connector, output, timeout, retry, on_error. */
export function ActionFields({ step, set, placed, operations }: ActionFieldsProps) {
  const uses = textOf(step, 'uses');
  const [picking, setPicking] = useState(uses === '');
  const operation = operations.find((candidate) => candidate.name === uses);
  const values = objectOf(step.with);
  const setParam = (name: string, value: unknown) => set({ with: patched(values, { [name]: value }) });
  const pick = (next: OperationReference) => {
    const kept = Object.fromEntries(Object.entries(values).filter(([name]) => next.additional_params || next.params.some((param) => param.name === name)));
    set({ uses: next.name, with: kept });
    setPicking(false);
  };
  const params = operation?.params ?? [];
  const shown = params.filter((param) => param.required || values[param.name] !== undefined || issuesAt(placed, ['with', param.name]).length > 0);
  const more = params.filter((param) => !shown.includes(param));
  const extra = Object.keys(values).filter((name) => !params.some((param) => param.name === name));
  return (
    <>
      <OperationField operations={operations} uses={uses} picking={picking} onPicking={setPicking} onPick={pick} issues={issuesAt(placed, ['uses'])} />
      {uses !== '' && !picking && (
        <section className="builder-section" aria-label="Parameters">
          <h4 className="builder-section-title">
            Parameters
            {operation?.docs_url && (
              <a className="builder-docs-link" href={operation.docs_url} target="_blank" rel="noreferrer">
                Stripe API docs
              </a>
            )}
          </h4>
          {uses === 'email.send' ? (
            <EmailFields operation={operation} values={values} set={setParam} placed={placed} />
          ) : (
            <>
              {shown.length === 0 && more.length > 0 && <p className="muted small">No parameter is required. Add the ones you need below.</p>}
              {shown.map((param) => (
                <ParamField key={param.name} param={param} value={values[param.name]} onChange={(value) => setParam(param.name, value)} issues={issuesAt(placed, ['with', param.name])} />
              ))}
              {more.length > 0 && (
                <details className="builder-advanced">
                  <summary>More parameters ({more.length})</summary>
                  {more.map((param) => (
                    <ParamField key={param.name} param={param} value={values[param.name]} onChange={(value) => setParam(param.name, value)} issues={issuesAt(placed, ['with', param.name])} />
                  ))}
                </details>
              )}
              {(operation?.additional_params === true || extra.length > 0) && (
                <div className="field">
                  <span>Other parameters</span>
                  <span className="hint">{operation?.additional_params ? 'Sent as they are.' : 'Not parameters of this operation: remove them or pick another operation.'}</span>
                  <KeyValueRows
                    label="Other parameters"
                    value={Object.fromEntries(extra.map((name) => [name, values[name]]))}
                    onChange={(next) => set({ with: { ...Object.fromEntries(Object.entries(values).filter(([name]) => !extra.includes(name))), ...next } })}
                  />
                  {extra.map((name) => <FieldIssues key={name} issues={issuesAt(placed, ['with', name])} />)}
                </div>
              )}
            </>
          )}
        </section>
      )}
      <details className="builder-advanced" open={['connector', 'output', 'timeout', 'retry', 'on_error'].some((key) => step[key] !== undefined || issuesAt(placed, [key]).length > 0)}>
        <summary>Connector, output, timeout, retry and errors</summary>
        <FormRow label="Connector" help="The connector to call it with; default the only one of the operation's kind." issues={issuesAt(placed, ['connector'])}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={textOf(step, 'connector')} onChange={(event) => set({ connector: event.target.value || undefined })} />}
        </FormRow>
        <FormRow label="Output variable" help={`Later steps read the result as ${textOf(step, 'output') || textOf(step, 'id') || 'the step id'}.`} issues={issuesAt(placed, ['output'])}>
          {(id, describedBy) => <input id={id} className="mono" aria-describedby={describedBy} placeholder={textOf(step, 'id')} value={textOf(step, 'output')} onChange={(event) => set({ output: event.target.value || undefined })} />}
        </FormRow>
        <FormRow label="Timeout" help="The longest one attempt may take, e.g. 30s." issues={issuesAt(placed, ['timeout'])}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} placeholder="30s" value={textOf(step, 'timeout')} onChange={(event) => set({ timeout: event.target.value || undefined })} />}
        </FormRow>
        <RetryFields retry={step.retry} onChange={(retry) => set({ retry })} placed={placed} />
        <FormRow label="On error, go to" help="Where the run goes when the call fails for good (the failure is in the variable error); without it the run fails." issues={issuesAt(placed, ['on_error'])}>
          {(id, describedBy) => <StepSelect id={id} describedBy={describedBy} value={textOf(step, 'on_error')} self={textOf(step, 'id')} emptyLabel="Fail the run" onChange={(on_error) => set({ on_error })} />}
        </FormRow>
      </details>
    </>
  );
}

function RetryFields({ retry, onChange, placed }: { retry: unknown; onChange: (retry: Doc | undefined) => void; placed: readonly PlacedIssue[] }) {
  const value = objectOf(retry);
  const enabled = retry !== undefined;
  const change = (changes: Doc) => onChange(patched(value, changes));
  return (
    <fieldset className="fieldset retry-fields">
      <legend>Retry</legend>
      <label className="choice">
        <input type="checkbox" checked={enabled} onChange={(event) => onChange(event.target.checked ? { attempts: 3, backoff: '1s', max_delay: '5m' } : undefined)} /> Retry failures that may pass (network, 5xx, 429)
      </label>
      {enabled && (
        <div className="grid grid-3">
          <FormRow label="Attempts" issues={issuesAt(placed, ['retry', 'attempts'])}>
            {(id) => <input id={id} type="number" min={1} max={100} value={typeof value.attempts === 'number' ? value.attempts : ''} onChange={(event) => change({ attempts: event.target.value === '' ? undefined : Number(event.target.value) })} />}
          </FormRow>
          <FormRow label="First delay" issues={issuesAt(placed, ['retry', 'backoff'])}>
            {(id) => <input id={id} placeholder="1s" value={textOf(value, 'backoff')} onChange={(event) => change({ backoff: event.target.value || undefined })} />}
          </FormRow>
          <FormRow label="Longest delay" issues={issuesAt(placed, ['retry', 'max_delay'])}>
            {(id) => <input id={id} placeholder="5m" value={textOf(value, 'max_delay')} onChange={(event) => change({ max_delay: event.target.value || undefined })} />}
          </FormRow>
        </div>
      )}
    </fieldset>
  );
}
