import { useQuery } from '@tanstack/react-query';
import { ErrorState, Loading } from '../../../ui/states.tsx';
import { formatDateTime } from '../../../ui/time.ts';
import { SampleEventEditor, type EditedSample } from './sample-event-editor.tsx';
import { eventsOfTypeQuery } from './simulation-queries.ts';

export type EventSource = 'sample' | 'stored' | 'json';

export interface EventChoiceValue {
  source: EventSource;
  /** The event type whose stored events are listed (one of the trigger's). */
  type: string;
  /** The stored event picked (`evt_...`). */
  eventId: string;
  /** A pasted Stripe event, as typed. */
  json: string;
  /** The sample event's object as edited; null while it is the generated one. */
  sample: EditedSample | null;
}

const SOURCES: { value: EventSource; label: string; hint: string }[] = [
  { value: 'sample', label: 'Sample event', hint: 'Generated for the trigger\'s event type' },
  { value: 'stored', label: 'A past event', hint: 'One Tollgate received' },
  { value: 'json', label: 'Paste JSON', hint: 'A Stripe event: {"type": …, "data": {"object": …}}' },
];

/** The event a preview runs on: a generated sample, a stored past event of the trigger's type, or pasted JSON. */
export function EventChoice({ value, onChange, eventTypes, jsonError }: { value: EventChoiceValue; onChange: (value: EventChoiceValue) => void; eventTypes: string[]; jsonError: string | null }) {
  const sampleType = eventTypes.find((type) => !type.includes('*')) ?? eventTypes[0];
  return (
    <fieldset className="fieldset preview-event-choice">
      <legend>Event</legend>
      <div className="segmented" role="radiogroup" aria-label="Event">
        {SOURCES.map((source) => (
          <label key={source.value} className={value.source === source.value ? 'segment active' : 'segment'} title={source.hint}>
            <input type="radio" name="preview-event-source" value={source.value} checked={value.source === source.value} onChange={() => onChange({ ...value, source: source.value })} />
            {source.label}
          </label>
        ))}
      </div>
      {value.source === 'sample' && <SampleEventEditor type={sampleType} edited={value.sample} onChange={(sample) => onChange({ ...value, sample })} error={jsonError} />}
      {value.source === 'stored' && <StoredEventPicker value={value} onChange={onChange} eventTypes={eventTypes} />}
      {value.source === 'json' && (
        <label className="field">
          <span>Stripe event JSON</span>
          <textarea
            className="mono preview-json"
            value={value.json}
            onChange={(change) => onChange({ ...value, json: change.target.value })}
            placeholder={'{"type": "charge.succeeded", "data": {"object": {"id": "ch_1", "amount": 1200, "currency": "usd"}}}'}
            aria-invalid={jsonError === null ? undefined : true}
            aria-describedby={jsonError === null ? undefined : 'preview-json-error'}
            spellCheck={false}
          />
          {jsonError !== null && (
            <span className="field-error" id="preview-json-error">
              {jsonError}
            </span>
          )}
        </label>
      )}
    </fieldset>
  );
}

function StoredEventPicker({ value, onChange, eventTypes }: { value: EventChoiceValue; onChange: (value: EventChoiceValue) => void; eventTypes: string[] }) {
  const type = eventTypes.includes(value.type) ? value.type : (eventTypes[0] ?? '');
  const events = useQuery({ ...eventsOfTypeQuery(type), enabled: type !== '' });
  return (
    <>
      {eventTypes.length > 1 && (
        <label className="field">
          <span>Event type</span>
          <select value={type} onChange={(change) => onChange({ ...value, type: change.target.value, eventId: '' })}>
            {eventTypes.map((item) => (
              <option key={item}>{item}</option>
            ))}
          </select>
        </label>
      )}
      {type === '' ? (
        <p className="muted">Choose the trigger's event type first.</p>
      ) : events.isPending ? (
        <Loading label="Loading past events…" />
      ) : events.isError ? (
        <ErrorState error={events.error} retry={() => void events.refetch()} />
      ) : events.data.events.length === 0 ? (
        <p className="muted">
          No <span className="mono">{type}</span> event has been received yet. Use a sample event, or paste one.
        </p>
      ) : (
        <label className="field">
          <span>Past event</span>
          <select value={value.eventId} onChange={(change) => onChange({ ...value, type, eventId: change.target.value })}>
            <option value="">Choose one of the last {events.data.events.length}…</option>
            {events.data.events.map((event) => (
              <option key={event.id} value={event.id}>
                {event.id} · {formatDateTime(new Date(event.created * 1000).toISOString())}
              </option>
            ))}
          </select>
        </label>
      )}
    </>
  );
}
