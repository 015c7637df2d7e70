import { useState } from 'react';
import { SearchPicker } from './search-picker.tsx';
import type { VariableOption } from './variable-options.ts';

const keyOf = (option: VariableOption) => option.path;
const groupOf = (option: VariableOption) => option.group;
const wordsOf = (option: VariableOption) => `${option.type} ${option.description ?? ''}`;
const detailOf = (option: VariableOption) => [option.money ? 'amount (minor units)' : option.type, option.description].filter(Boolean).join(' · ');

/** A `{ }` button that opens a searchable list of what the trigger and earlier steps provide. */
export function VariablePicker({ options, onPick, label }: { options: readonly VariableOption[]; onPick: (option: VariableOption) => void; label: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="variable-picker">
      <button type="button" className="button subtle variable-picker-button" aria-expanded={open} aria-label={`Insert a variable into ${label}`} title="Insert a variable" onClick={() => setOpen(!open)}>
        {'{ }'}
      </button>
      {open && (
        <div className="variable-picker-popover card">
          {options.length === 0 ? (
            <p className="muted small">Nothing to insert yet: choose the trigger first.</p>
          ) : (
            <SearchPicker
              label={`Variables for ${label}`}
              items={options}
              keyOf={keyOf}
              groupOf={groupOf}
              wordsOf={wordsOf}
              detailOf={detailOf}
              placeholder="Search variables: amount, customer…"
              onPick={(option) => {
                onPick(option);
                setOpen(false);
              }}
            />
          )}
        </div>
      )}
    </div>
  );
}
