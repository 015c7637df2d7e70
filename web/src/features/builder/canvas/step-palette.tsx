import { useId, useState } from 'react';
import type { AddPlace } from '../model/draft-edits.ts';
import { findStep, isRecord, stepId, STEP_TYPES, type Draft, type StepType } from '../model/draft-steps.ts';

const TYPE_WORDS: Record<StepType, string> = {
  action: 'Action', decision: 'Decision', approval: 'Approval', wait: 'Wait', set: 'Set variables', end: 'End', parallel: 'Parallel', foreach: 'For each', workflow: 'Run workflow',
};

interface PlaceOption {
  value: string;
  label: string;
  place: AddPlace;
}

/** Where a new step can go given the selected node: after it, and inside it when it is a container. */
export function placeOptions(draft: Draft, selected: string | null): PlaceOption[] {
  const found = selected === null ? undefined : findStep(draft, selected);
  if (found === undefined) return [{ value: 'end', label: 'at the end', place: { end: true } }];
  const id = stepId(found.step);
  const options: PlaceOption[] = [{ value: 'after', label: `after "${id}"`, place: { after: found.nodeId } }];
  if (found.step.type === 'foreach') options.push({ value: 'inside', label: `inside "${id}" (each item)`, place: { inside: found.nodeId } });
  if (found.step.type === 'parallel') {
    const branches = Array.isArray(found.step.branches) ? found.step.branches.filter(isRecord) : [];
    branches.forEach((_branch, index) => options.push({ value: `branch:${index}`, label: `inside "${id}", branch ${index + 1}`, place: { inside: found.nodeId, branch: index } }));
    options.push({ value: 'branch:new', label: `inside "${id}", a new branch`, place: { inside: found.nodeId, branch: 'new' } });
  }
  return options;
}

/** The step types to add, and where the new step goes. */
export function StepPalette({ draft, selected, onAdd }: { draft: Draft; selected: string | null; onAdd: (type: StepType, place: AddPlace) => void }) {
  const whereId = useId();
  const options = placeOptions(draft, selected);
  const [chosen, setChosen] = useState<{ selected: string | null; value: string } | null>(null);
  // A new selection starts again from "after it".
  const value = chosen !== null && chosen.selected === selected && options.some((option) => option.value === chosen.value) ? chosen.value : (options[0]?.value ?? 'end');
  const place = options.find((option) => option.value === value)?.place ?? { end: true };
  return (
    <div className="builder-palette" role="toolbar" aria-label="Add a step">
      <span className="builder-palette-title">Add</span>
      {STEP_TYPES.map((type) => (
        <button key={type} type="button" className={`button builder-add type-${type}`} onClick={() => {
            onAdd(type, place);
            // The new step is selected: the next one goes after it unless told otherwise.
            setChosen(null);
          }} aria-label={`Add ${TYPE_WORDS[type]} step`}>
          {TYPE_WORDS[type]}
        </button>
      ))}
      <label htmlFor={whereId} className="builder-palette-where">
        where
      </label>
      <select id={whereId} value={value} onChange={(changed) => setChosen({ selected, value: changed.target.value })}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
