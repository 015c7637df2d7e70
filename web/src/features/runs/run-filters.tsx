import { useEffect, useState, type FormEvent } from 'react';
import { StripeObjectField } from '../../ui/stripe-object/stripe-object-field.tsx';
import { objectIdProblem } from '../../ui/stripe-object/stripe-object-id.ts';
import { RUN_STATUSES, type RunSearch } from './run-search.ts';
import { StatusSelect } from '../../ui/status-select.tsx';
import { TimeWindowFields } from '../../ui/time-window-fields.tsx';

interface RunFiltersProps {
  search: RunSearch;
  workflows: { id: string; title: string }[];
  /** The server's refusal of the Stripe object id in the URL. */
  objectRefusal: string | undefined;
  /** Why the custom times cannot both hold, shown at "Started before". */
  rangeProblem: string | undefined;
  onChange: (next: Partial<RunSearch>) => void;
  onClear: () => void;
}

/** The runs list's filters: choices apply at once, typed ids on Apply (a Stripe object id checked first). */
export function RunFilters({ search, workflows, objectRefusal, rangeProblem, onChange, onClear }: RunFiltersProps) {
  const [event, setEvent] = useState(search.event ?? '');
  const [object, setObject] = useState(search.object ?? '');
  const [objectProblem, setObjectProblem] = useState<string>();
  const [request, setRequest] = useState(search.request ?? '');
  useEffect(() => setEvent(search.event ?? ''), [search.event]);
  useEffect(() => {
    setObject(search.object ?? '');
    setObjectProblem(undefined);
  }, [search.object]);
  useEffect(() => setRequest(search.request ?? ''), [search.request]);
  const submit = (submitted: FormEvent) => {
    submitted.preventDefault();
    const problem = object.trim() === '' ? undefined : objectIdProblem(object.trim());
    setObjectProblem(problem);
    if (problem === undefined) onChange({ event: event.trim(), object: object.trim(), request: request.trim() });
  };
  return (
    <form className="filters runs-filters" onSubmit={submit} aria-label="Filter runs" noValidate>
      <label className="field">
        <span>Workflow</span>
        <select value={search.workflow ?? ''} onChange={(changed) => onChange({ workflow: changed.target.value })}>
          <option value="">All workflows</option>
          {workflows.map((workflow) => (
            <option key={workflow.id} value={workflow.id}>
              {workflow.title}
            </option>
          ))}
        </select>
      </label>
      <StatusSelect statuses={RUN_STATUSES} value={search.status} onChange={(status) => onChange({ status })} />
      <TimeWindowFields id="runs-time" label="Started" fromLabel="Started from" toLabel="Started before" value={search} onChange={onChange} rangeProblem={rangeProblem} />
      <label className="field">
        <span>Event id</span>
        <input value={event} onChange={(changed) => setEvent(changed.target.value)} placeholder="evt_…" spellCheck={false} />
      </label>
      <StripeObjectField id="runs-object" value={object} onChange={setObject} error={objectProblem ?? objectRefusal} />
      <label className="field">
        <span>Request id</span>
        <input value={request} onChange={(changed) => setRequest(changed.target.value)} placeholder="req_…" spellCheck={false} />
      </label>
      <div className="field filter-buttons">
        {/* An empty label's room: the buttons line up with the inputs, whether or not a field in their row shows an error. */}
        <span aria-hidden="true">&nbsp;</span>
        <div className="row">
          <button type="submit" className="button primary">
            Apply
          </button>
          <button type="button" className="button subtle" onClick={onClear}>
            Clear
          </button>
        </div>
      </div>
    </form>
  );
}
