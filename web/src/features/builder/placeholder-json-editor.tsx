import { useEffect, useId, useState } from 'react';
import type { BuilderIssue } from './builder-types.ts';

/**
 * A stand-in for the builder's forms and YAML tab until their real versions are merged: the value as
 * JSON text, passed on when it parses (the text is kept while it does not), with the issues listed.
 * Delete it once no placeholder imports it.
 */
export function PlaceholderJsonEditor({ label, value, onChange, issues }: { label: string; value: unknown; onChange: (value: Record<string, unknown>) => void; issues: BuilderIssue[] }) {
  const id = useId();
  const shown = JSON.stringify(value ?? {}, null, 2);
  const [text, setText] = useState(shown);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    // A change from elsewhere (the graph) replaces the text, unless it is what the text already says.
    setText((current) => (sameJson(current, shown) ? current : shown));
  }, [shown]);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        className="mono"
        rows={Math.min(24, Math.max(6, text.split('\n').length + 1))}
        value={text}
        spellCheck={false}
        onChange={(changed) => {
          setText(changed.target.value);
          try {
            const parsed: unknown = JSON.parse(changed.target.value);
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('write one JSON object');
            setProblem(null);
            onChange(parsed as Record<string, unknown>);
          } catch (error) {
            setProblem(error instanceof Error ? error.message : String(error));
          }
        }}
      />
      {problem !== null && <p className="field-error">Not JSON yet: {problem}</p>}
      {issues.map((issue, index) => (
        <p key={index} className={issue.severity === 'error' ? 'field-error' : 'hint'}>
          {issue.path}: {issue.message}
        </p>
      ))}
    </div>
  );
}

function sameJson(text: string, json: string): boolean {
  try {
    return JSON.stringify(JSON.parse(text), null, 2) === json;
  } catch {
    return false;
  }
}
