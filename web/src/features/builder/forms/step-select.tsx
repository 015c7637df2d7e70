import { useFormScope } from './form-scope.tsx';

interface StepSelectProps {
  id?: string;
  label?: string;
  value: string;
  onChange: (value: string | undefined) => void;
  /** What the empty choice means, e.g. "The step below"; omitted when a step must be chosen. */
  emptyLabel?: string;
  describedBy?: string | undefined;
  /** The step's own id: a step does not go to itself. */
  self?: string;
}

/** A choice among the workflow's step ids, for `next`, branches, `otherwise`, `on_error`. */
export function StepSelect({ id, label, value, onChange, emptyLabel, describedBy, self }: StepSelectProps) {
  const { stepIds } = useFormScope();
  const choices = stepIds.filter((step) => step !== self);
  return (
    <select id={id} aria-label={id === undefined ? label : undefined} aria-describedby={describedBy} value={value} aria-invalid={value !== '' && !stepIds.includes(value)} onChange={(event) => onChange(event.target.value === '' ? undefined : event.target.value)}>
      <option value="">{emptyLabel ?? 'Choose a step…'}</option>
      {value !== '' && !stepIds.includes(value) && <option value={value}>{value} (no such step)</option>}
      {choices.map((step) => (
        <option key={step} value={step}>
          {step}
        </option>
      ))}
    </select>
  );
}
