import { useId, type ReactNode } from 'react';
import type { BuilderIssue } from '../builder-types.ts';

interface FormRowProps {
  label: string;
  /** The input; it receives the row's id through `children(id)` so the label points at it. */
  children: (id: string, describedBy: string | undefined) => ReactNode;
  help?: string | null | undefined;
  required?: boolean;
  docsUrl?: string | null | undefined;
  issues?: readonly BuilderIssue[];
}

/** One labelled input of a builder form: label (with a required mark), help, docs link, and the issues about it. */
export function FormRow({ label, children, help, required = false, docsUrl, issues = [] }: FormRowProps) {
  const id = useId();
  const helpId = `${id}-help`;
  const issuesId = `${id}-issues`;
  const describedBy = [help ? helpId : undefined, issues.length > 0 ? issuesId : undefined].filter(Boolean).join(' ') || undefined;
  return (
    <div className={issues.some((issue) => issue.severity === 'error') ? 'field builder-field has-error' : 'field builder-field'}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className="required-mark" aria-hidden="true" title="required">
            {' *'}
          </span>
        )}
        {docsUrl && (
          <a className="builder-docs-link" href={docsUrl} target="_blank" rel="noreferrer">
            Docs
          </a>
        )}
      </label>
      {children(id, describedBy)}
      {help && (
        <span id={helpId} className="hint">
          {help}
        </span>
      )}
      <FieldIssues id={issuesId} issues={issues} />
    </div>
  );
}

/** Issues in words under the field they belong to; errors in red, warnings in amber. */
export function FieldIssues({ issues, id }: { issues: readonly BuilderIssue[]; id?: string }) {
  if (issues.length === 0) return null;
  return (
    <ul id={id} className="builder-issues">
      {issues.map((issue, index) => (
        <li key={`${issue.path}-${index}`} className={issue.severity === 'error' ? 'field-error' : 'builder-warning'}>
          {issue.message}
        </li>
      ))}
    </ul>
  );
}
