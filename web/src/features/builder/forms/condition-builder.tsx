import { useEffect, useId, useRef, useState } from 'react';
import type { BuilderIssue } from '../builder-types.ts';
import { compileConditions, type RowProblem } from './condition-compiler.ts';
import type { ConditionRow, ConditionRows, Join } from './condition-model.ts';
import { parseConditions } from './condition-parser.ts';
import { ConditionRowEditor } from './condition-row-editor.tsx';
import { FieldIssues } from './form-row.tsx';
import type { VariableOption } from './variable-options.ts';

interface ConditionBuilderProps {
  label: string;
  /** The condition as written in the definition (`when`); undefined or '' for none. */
  expression: string | undefined;
  /** Called with the compiled condition, or undefined when there is none; not while a row is incomplete. */
  onChange: (expression: string | undefined) => void;
  fields: readonly VariableOption[];
  defaultCurrency: string;
  issues: readonly BuilderIssue[];
  /** Text when there are no rows, e.g. "Every event of this type starts a run." */
  emptyText: string;
}

/**
 * Conditions as "field / operator / value" rows joined by AND (or OR), compiled to the expression;
 * or the expression typed by hand. A condition the rows cannot show opens in the hand-typed mode.
 * Rows being filled in stay here (nothing typed is lost) and reach the definition once they compile.
 */
export function ConditionBuilder({ label, expression, onChange, fields, defaultCurrency, issues, emptyText }: ConditionBuilderProps) {
  const id = useId();
  const initial = parseConditions(expression ?? '');
  const [mode, setMode] = useState<'rows' | 'text'>(initial === null ? 'text' : 'rows');
  const [rows, setRows] = useState<ConditionRows>(initial ?? { join: 'and', rows: [] });
  const [text, setText] = useState(expression ?? '');
  const [problems, setProblems] = useState<RowProblem[]>([]);
  const [notice, setNotice] = useState<string | null>(null);
  const emitted = useRef(expression ?? '');

  // The definition changed elsewhere (the YAML tab, undo): show what it now says.
  useEffect(() => {
    const current = expression ?? '';
    if (current === emitted.current) return;
    emitted.current = current;
    const parsed = parseConditions(current);
    setText(current);
    setProblems([]);
    if (parsed === null) setMode('text');
    else setRows(parsed);
  }, [expression]);

  const emit = (next: string) => {
    emitted.current = next;
    onChange(next.trim() === '' ? undefined : next);
  };
  const changeRows = (next: ConditionRows) => {
    setRows(next);
    const compiled = compileConditions(next);
    if (compiled.ok) {
      setProblems([]);
      if (compiled.expression !== emitted.current) emit(compiled.expression);
    } else {
      setProblems(compiled.problems);
    }
  };
  const setRow = (index: number, row: ConditionRow) => changeRows({ ...rows, rows: rows.rows.map((old, at) => (at === index ? row : old)) });
  // An empty row stays here until its field and value are filled in.
  const addRow = () => setRows({ ...rows, rows: [...rows.rows, { field: '', operator: 'eq', value: '', kind: 'text' }] });
  const toText = () => {
    setNotice(null);
    setText(emitted.current);
    setMode('text');
  };
  const toRows = () => {
    const parsed = parseConditions(text);
    if (parsed === null) {
      setNotice('This condition uses more than rows can show (such as arithmetic, other functions, or AND mixed with OR). Keep editing it as text.');
      return;
    }
    setNotice(null);
    setRows(parsed);
    setProblems([]);
    setMode('rows');
  };

  return (
    <fieldset className="condition-builder fieldset">
      <legend>{label}</legend>
      {mode === 'rows' ? (
        <>
          {rows.rows.length === 0 && <p className="muted small condition-empty">{emptyText}</p>}
          {rows.rows.map((row, index) => (
            <div key={index} className="condition-line">
              {index > 0 && <JoinToggle join={rows.join} onChange={(join: Join) => changeRows({ ...rows, join })} />}
              <ConditionRowEditor
                row={row}
                fields={fields}
                defaultCurrency={defaultCurrency}
                problem={problems.find((problem) => problem.row === index)?.message}
                onChange={(next) => setRow(index, next)}
                onRemove={() => changeRows({ ...rows, rows: rows.rows.filter((_, at) => at !== index) })}
              />
            </div>
          ))}
          <div className="row condition-actions">
            <button type="button" className="button" onClick={addRow}>
              + Add condition
            </button>
            <button type="button" className="button subtle" onClick={toText}>
              Write the expression
            </button>
          </div>
          {emitted.current !== '' && (
            <p className="condition-compiled small">
              <span className="muted">Expression: </span>
              <code>{emitted.current}</code>
            </p>
          )}
        </>
      ) : (
        <>
          <label htmlFor={`${id}-text`} className="visually-hidden">
            {label} (JSONata expression)
          </label>
          <textarea
            id={`${id}-text`}
            className="mono condition-text"
            rows={3}
            value={text}
            placeholder='object.amount > $minor(1000, "usd") and object.currency = "usd"'
            onChange={(event) => {
              setText(event.target.value);
              emit(event.target.value);
            }}
          />
          <span className="hint">A JSONata condition; leave it empty for none.</span>
          {notice !== null && <p className="notice small">{notice}</p>}
          <div className="row condition-actions">
            <button type="button" className="button subtle" onClick={toRows}>
              Use the condition builder
            </button>
          </div>
        </>
      )}
      <FieldIssues issues={issues} />
    </fieldset>
  );
}

function JoinToggle({ join, onChange }: { join: Join; onChange: (join: Join) => void }) {
  return (
    <div className="join-toggle" role="radiogroup" aria-label="Join conditions with">
      {(['and', 'or'] as const).map((option) => (
        <button key={option} type="button" role="radio" aria-checked={join === option} className={join === option ? 'join-option active' : 'join-option'} onClick={() => onChange(option)}>
          {option.toUpperCase()}
        </button>
      ))}
    </div>
  );
}
