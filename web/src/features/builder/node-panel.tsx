import type { BuilderIssue } from './builder-types.ts';
import { StepForm } from './forms/step-form.tsx';
import { TriggerForm } from './forms/trigger-form.tsx';
import { removeStep, renameStep } from './model/draft-edits.ts';
import { allStepPlaces, findStep, isRecord, stepId, stepType, TRIGGER_NODE, updateAt, type Draft } from './model/draft-steps.ts';

/** The side panel's form for the selected node: the trigger's, or the step's with a Delete button. */
export function NodePanel(props: {
  draft: Draft;
  selected: string;
  onSelect: (nodeId: string | null) => void;
  onChange: (draft: Draft) => void;
  onNotice: (message: string | null) => void;
  issues: Map<string | null, BuilderIssue[]>;
}) {
  const { draft, selected, onChange } = props;
  const place = selected === TRIGGER_NODE ? undefined : findStep(draft, selected);
  if (place === undefined) {
    return (
      <section className="card builder-node-panel" aria-label="Trigger">
        <h2>Trigger</h2>
        <p className="muted small">What starts a run. Select a step on the canvas to edit it instead.</p>
        <TriggerForm trigger={isRecord(draft.trigger) ? draft.trigger : {}} onChange={(trigger) => onChange({ ...draft, trigger })} issues={props.issues.get(TRIGGER_NODE) ?? []} />
      </section>
    );
  }
  const id = stepId(place.step);
  return (
    <section className="card builder-node-panel" aria-label={`Step ${id}`}>
      <div className="builder-node-panel-head">
        <h2>
          {id || 'Step'} <span className="muted small">{stepType(place.step)}</span>
        </h2>
        <button
          type="button"
          className="button danger"
          onClick={() => {
            const removed = removeStep(draft, place.nodeId);
            props.onSelect(null);
            props.onNotice(removed.flagged.length > 0 ? `Deleted "${id}". Point ${removed.flagged.map((keys) => keys.join('.')).join(', ')} at another step: it named the deleted one.` : null);
            onChange(removed.draft);
          }}
        >
          Delete step
        </button>
      </div>
      <StepForm
        key={place.nodeId}
        step={place.step}
        context={{ definition: draft, stepIds: allStepPlaces(draft).map((other) => stepId(other.step)), path: place.nodeId }}
        issues={props.issues.get(place.nodeId) ?? []}
        onChange={(step) => {
          // A new id renames the step: what named it in its list follows, and so does the selection.
          const newId = typeof step.id === 'string' ? step.id : id;
          let next = newId === id || newId === '' ? draft : renameStep(draft, place.nodeId, newId);
          const renamed = newId === id || newId === '' ? place : findStep(next, `${place.list.scope}${newId}`);
          if (renamed === undefined) return;
          next = updateAt(next, renamed.keys, () => step) as Draft;
          if (renamed.nodeId !== place.nodeId) props.onSelect(renamed.nodeId);
          onChange(next);
        }}
      />
    </section>
  );
}
