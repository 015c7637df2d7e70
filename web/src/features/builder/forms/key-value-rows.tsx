import { useEffect, useRef, useState } from 'react';
import { ValueInput } from './value-input.tsx';

type Doc = Record<string, unknown>;
interface Pair {
  key: string;
  value: string;
  /** The value as the definition held it: a number or a list stays one unless its text is edited. */
  original?: unknown;
}

interface KeyValueRowsProps {
  label: string;
  value: Doc;
  onChange: (value: Doc) => void;
  keyPlaceholder?: string;
  valuePlaceholder?: string;
  addLabel?: string;
}

function pairsOf(value: Doc): Pair[] {
  return Object.entries(value).map(([key, entry]) => ({ key, value: typeof entry === 'string' ? entry : JSON.stringify(entry), original: entry }));
}

/**
 * An object as key / value rows (metadata `Tier = VIP`); values take `{{ }}` references.
 * Rows being typed (no key yet, a repeated key) stay here and are left out of the object.
 */
export function KeyValueRows({ label, value, onChange, keyPlaceholder = 'Key', valuePlaceholder = 'Value', addLabel = '+ Add row' }: KeyValueRowsProps) {
  const [pairs, setPairs] = useState<Pair[]>(() => pairsOf(value));
  const emitted = useRef(JSON.stringify(value));
  useEffect(() => {
    const text = JSON.stringify(value);
    if (text === emitted.current) return;
    emitted.current = text;
    setPairs(pairsOf(value));
  }, [value]);
  const change = (next: Pair[]) => {
    setPairs(next);
    const object: Doc = {};
    for (const pair of next) {
      if (pair.key.trim() === '' || pair.key.trim() in object) continue;
      const unchanged = pair.original !== undefined && typeof pair.original !== 'string' && JSON.stringify(pair.original) === pair.value;
      object[pair.key.trim()] = unchanged ? pair.original : pair.value;
    }
    emitted.current = JSON.stringify(object);
    onChange(object);
  };
  const keys = pairs.map((pair) => pair.key.trim());
  return (
    <div className="key-value-rows" role="group" aria-label={label}>
      {pairs.map((pair, index) => (
        <div key={index} className="key-value-row">
          <input aria-label={`${label}: key ${index + 1}`} placeholder={keyPlaceholder} value={pair.key} aria-invalid={keys.indexOf(pair.key.trim()) !== index} onChange={(event) => change(pairs.map((old, at) => (at === index ? { ...old, key: event.target.value } : old)))} />
          <span className="key-value-equals" aria-hidden="true">=</span>
          <ValueInput label={`${label}: ${pair.key || `value ${index + 1}`}`} value={pair.value} placeholder={valuePlaceholder} onChange={(next) => change(pairs.map((old, at) => (at === index ? { ...old, value: next } : old)))} />
          <button type="button" className="button subtle" aria-label={`Remove ${pair.key || `row ${index + 1}`}`} onClick={() => change(pairs.filter((_, at) => at !== index))}>
            ×
          </button>
        </div>
      ))}
      {keys.some((key, index) => key !== '' && keys.indexOf(key) !== index) && <p className="field-error">Each key once: a repeated key is left out.</p>}
      <button type="button" className="button" onClick={() => setPairs([...pairs, { key: '', value: '' }])}>
        {addLabel}
      </button>
    </div>
  );
}
