import { useRef } from 'react';
import type { Offering } from '../../api/types.ts';
import { FieldFrame, TextArea, TextField } from '../../ui/form-fields.tsx';
import { moveRow, newRow, rowId, type OfferingRow } from './offering-rows.ts';
import { latestLabel, type WorkflowChoice } from './workflow-choices.ts';

export interface OfferingsEditorProps {
  rows: OfferingRow[];
  /** `reordered`: rows were added, moved or removed, so errors placed by index no longer fit. */
  onChange: (rows: OfferingRow[], reordered: boolean) => void;
  /** The error at a body field, e.g. `body.offerings[1].workflow`. */
  errorAt: (field: string) => string | undefined;
  choices: readonly WorkflowChoice[];
  /** The offerings as saved, to say whether each takes requests now. */
  saved: readonly Offering[];
}

/** A service's offerings, in the order the catalog shows them: each one's fields, and add, move and remove. A save sends them all. */
export function OfferingsEditor({ rows, onChange, errorAt, choices, saved }: OfferingsEditorProps) {
  const list = useRef<HTMLOListElement>(null);
  const nextKey = useRef(0);
  // After a row moves or goes, focus stays where the hands are: on the same button, or the next row's.
  const focusLater = (selector: string) => requestAnimationFrame(() => list.current?.parentElement?.querySelector<HTMLElement>(selector)?.focus());
  const patch = (index: number, change: Partial<OfferingRow>) => onChange(rows.map((row, at) => (at === index ? { ...row, ...change } : row)), false);
  const move = (index: number, by: -1 | 1) => {
    const row = rows[index];
    if (row === undefined || rows[index + by] === undefined) return;
    onChange(moveRow(rows, index, by), true);
    focusLater(`[data-row="${row.key}"] [data-action="${by < 0 ? 'up' : 'down'}"]`);
  };
  const remove = (index: number) => {
    const next = rows[index + 1] ?? rows[index - 1];
    onChange(
      rows.filter((_, at) => at !== index),
      true,
    );
    focusLater(next === undefined ? '[data-action="add"]' : `[data-row="${next.key}"] [data-action="remove"]`);
  };
  const add = () => {
    const row = newRow(`new-${nextKey.current++}`);
    onChange([...rows, row], true);
    focusLater(`[data-row="${row.key}"] input`);
  };
  return (
    <fieldset className="fieldset offerings-editor">
      <legend>Offerings</legend>
      <p className="hint">
        Each offering is the form of a workflow that people can request. A removed offering leaves the catalog when you save; its open requests go on to their end.
      </p>
      {rows.length === 0 && <p className="muted">No offerings yet: the service stays out of the catalog until one takes requests.</p>}
      <ol className="offering-rows" ref={list}>
        {rows.map((row, index) => (
          <li key={row.key} data-row={row.key}>
            <OfferingRowFields
              row={row}
              index={index}
              last={index === rows.length - 1}
              choices={choices}
              saved={saved.find((offering) => row.existing && offering.id === row.typedId)}
              errorAt={(field) => errorAt(`body.offerings[${index}].${field}`)}
              onPatch={(change) => patch(index, change)}
              onMove={(by) => move(index, by)}
              onRemove={() => remove(index)}
            />
          </li>
        ))}
      </ol>
      <button type="button" className="button" data-action="add" onClick={add}>
        Add offering
      </button>
    </fieldset>
  );
}

interface RowProps {
  row: OfferingRow;
  index: number;
  last: boolean;
  choices: readonly WorkflowChoice[];
  saved: Offering | undefined;
  errorAt: (field: string) => string | undefined;
  onPatch: (change: Partial<OfferingRow>) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

function OfferingRowFields({ row, index, last, choices, saved, errorAt, onPatch, onMove, onRemove }: RowProps) {
  const name = row.title.trim() || rowId(row) || `offering ${index + 1}`;
  const choice = choices.find((item) => item.id === row.workflow);
  const versions = choice?.versions ?? (typeof row.version === 'number' ? [row.version] : []);
  const asSaved = saved !== undefined && saved.workflow === row.workflow && saved.version === row.version && saved.status === row.status;
  return (
    <fieldset className="fieldset offering-row">
      <legend>
        Offering {index + 1}
        {row.title.trim() !== '' && <span className="offering-row-name">: {row.title}</span>}
      </legend>
      <div className="offering-row-grid">
        <TextField label="Title" value={row.title} onChange={(title) => onPatch({ title })} error={errorAt('title')} required placeholder="Goodwill credit" />
        {row.existing ? (
          <FieldFrame label="Id" hint="Requests and links name the offering by it; it stays." error={errorAt('id')}>
            {({ id, describedBy }) => <input id={id} value={rowId(row)} readOnly aria-invalid={errorAt('id') !== undefined} aria-describedby={describedBy} />}
          </FieldFrame>
        ) : (
          <TextField label="Id" hint="Requests and links name the offering by it; it cannot change later." value={rowId(row)} onChange={(typedId) => onPatch({ typedId })} error={errorAt('id')} required placeholder="goodwill-credit" />
        )}
        <FieldFrame label="Status" error={errorAt('status')}>
          {({ id, describedBy }) => (
            <select id={id} value={row.status} onChange={(event) => onPatch({ status: event.target.value === 'draft' ? 'draft' : 'published' })} aria-invalid={errorAt('status') !== undefined} aria-describedby={describedBy}>
              <option value="published">Published: takes requests</option>
              <option value="draft">Draft: kept out of the catalog</option>
            </select>
          )}
        </FieldFrame>
        <div className="offering-row-workflow">
          <FieldFrame label="Workflow" hint="A workflow with a form trigger: its fields are the offering’s form." error={errorAt('workflow')}>
            {({ id, describedBy }) => (
              <select id={id} value={row.workflow} onChange={(event) => onPatch({ workflow: event.target.value, version: 'latest' })} aria-invalid={errorAt('workflow') !== undefined} aria-describedby={describedBy}>
                {row.workflow === '' && <option value="">Pick a workflow…</option>}
                {choices.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.label}
                  </option>
                ))}
              </select>
            )}
          </FieldFrame>
        </div>
        <FieldFrame label="Version" hint="Latest follows each publish; a pinned version stays." error={errorAt('version')}>
          {({ id, describedBy }) => (
            <select
              id={id}
              value={String(row.version)}
              onChange={(event) => onPatch({ version: event.target.value === 'latest' ? 'latest' : Number(event.target.value) })}
              aria-invalid={errorAt('version') !== undefined}
              aria-describedby={describedBy}
            >
              <option value="latest">{latestLabel(choice)}</option>
              {versions.map((version) => (
                <option key={version} value={String(version)}>
                  Version {version}
                </option>
              ))}
            </select>
          )}
        </FieldFrame>
        <div className="offering-row-wide">
          <TextArea label="Description" optional value={row.description} onChange={(description) => onPatch({ description })} error={errorAt('description')} rows={2} placeholder="What a request does, for the people who ask" />
        </div>
      </div>
      {asSaved && (
        <p className={saved.available ? 'offering-row-state' : 'offering-row-state warn'}>
          {saved.available ? `Takes requests now (version ${saved.resolved_version ?? '?'}).` : `Takes no requests now: ${saved.unavailable_reason?.message ?? 'unavailable'}.`}
        </p>
      )}
      <div className="row offering-row-actions">
        <button type="button" className="button subtle" data-action="up" aria-disabled={index === 0} onClick={() => onMove(-1)}>
          Move up<span className="visually-hidden"> {name}</span>
        </button>
        <button type="button" className="button subtle" data-action="down" aria-disabled={last} onClick={() => onMove(1)}>
          Move down<span className="visually-hidden"> {name}</span>
        </button>
        <button type="button" className="button subtle" data-action="remove" onClick={onRemove}>
          Remove<span className="visually-hidden"> {name}</span>
        </button>
      </div>
    </fieldset>
  );
}
