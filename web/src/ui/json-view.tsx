import { useState, type ReactNode } from 'react';

/** A container larger than this (entries, or characters of JSON) starts folded. */
const LARGE_ENTRIES = 12;
const LARGE_CHARACTERS = 400;

export interface JsonViewProps {
  value: unknown;
  /** Read by screen readers before the value, e.g. "Input of refund". */
  label?: string;
  /** Containers nested deeper than this start folded (the top level is always open). Default 2. */
  openDepth?: number;
}

/**
 * A JSON value as an indented tree. Large objects and arrays start folded (`{…} 24 keys`); each
 * fold is a real button (Enter or Space toggles it, focus is visible), so it works by keyboard.
 * @example <JsonView value={attempt.output} label="Output of charge" />
 */
export function JsonView({ value, label, openDepth = 2 }: JsonViewProps) {
  return (
    <div className="json-view mono" role="group" aria-label={label}>
      <JsonNode value={value} depth={0} openDepth={openDepth} />
    </div>
  );
}

function JsonNode({ value, depth, openDepth, name }: { value: unknown; depth: number; openDepth: number; name?: string }) {
  const entries = containerEntries(value);
  const key = name === undefined ? null : <span className="json-key">{name}: </span>;
  if (entries === undefined) {
    return (
      <div className="json-line">
        {key}
        <JsonScalar value={value} />
      </div>
    );
  }
  return <JsonContainer value={value} entries={entries} depth={depth} openDepth={openDepth} keyLabel={key} name={name} />;
}

function JsonContainer({ value, entries, depth, openDepth, keyLabel, name }: { value: unknown; entries: [string, unknown][]; depth: number; openDepth: number; keyLabel: ReactNode; name: string | undefined }) {
  const array = Array.isArray(value);
  const [open, setOpen] = useState(() => depth === 0 || (depth <= openDepth && !isLarge(value, entries.length)));
  const [start, end] = array ? ['[', ']'] : ['{', '}'];
  const size = array ? `${entries.length} ${entries.length === 1 ? 'item' : 'items'}` : `${entries.length} ${entries.length === 1 ? 'key' : 'keys'}`;
  if (entries.length === 0) {
    return (
      <div className="json-line">
        {keyLabel}
        <span className="json-punct">{`${start}${end}`}</span>
      </div>
    );
  }
  return (
    <div className="json-container">
      <div className="json-line">
        <button type="button" className="json-toggle" aria-expanded={open} onClick={() => setOpen(!open)} aria-label={`${open ? 'Fold' : 'Unfold'} ${name ?? 'value'} (${size})`}>
          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
        </button>
        {keyLabel}
        <span className="json-punct">{start}</span>
        {!open && (
          <>
            <button type="button" className="json-folded" onClick={() => setOpen(true)} tabIndex={-1} aria-hidden="true">
              …
            </button>
            <span className="json-punct">{end}</span> <span className="json-size">{size}</span>
          </>
        )}
      </div>
      {open && (
        <>
          <div className="json-children">
            {entries.map(([childName, child]) => (
              <JsonNode key={childName} name={childName} value={child} depth={depth + 1} openDepth={openDepth} />
            ))}
          </div>
          <div className="json-line">
            <span className="json-punct">{end}</span>
          </div>
        </>
      )}
    </div>
  );
}

function JsonScalar({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <span className="json-null">null</span>;
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  return <span>{JSON.stringify(value)}</span>;
}

function containerEntries(value: unknown): [string, unknown][] | undefined {
  if (Array.isArray(value)) return value.map((item, index) => [String(index), item]);
  if (typeof value === 'object' && value !== null) return Object.entries(value);
  return undefined;
}

function isLarge(value: unknown, entries: number): boolean {
  if (entries > LARGE_ENTRIES) return true;
  return (JSON.stringify(value)?.length ?? 0) > LARGE_CHARACTERS;
}
