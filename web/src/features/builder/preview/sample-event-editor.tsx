import { useQuery } from '@tanstack/react-query';
import { eventTypeQuery } from '../forms/reference-queries.ts';

/** The sample event's object as the person edited it; null while it is the generated one, untouched. */
export interface EditedSample {
  /** The event type the text is a sample of: an edit of another type's sample no longer applies. */
  type: string;
  /** The event's `data.object` as typed (JSON). */
  json: string;
}

/** The object of the reference sample for `type`, as the editor shows it before any edit. */
export function sampleObjectText(sample: unknown): string {
  const object = (sample as { data?: { object?: unknown } } | null)?.data?.object;
  return JSON.stringify(object ?? {}, null, 2);
}

/**
 * The "Sample event" choice: the sample's object (from the event type's reference), prefilled in a
 * small editor so a person can change it, e.g. the amount, to preview a sample that matches the
 * trigger's condition. Untouched, the server generates the sample itself (with the objects behind it,
 * such as the charge of a fraud warning, for simulated reads).
 */
export function SampleEventEditor({ type, edited, onChange, error }: { type: string | undefined; edited: EditedSample | null; onChange: (edited: EditedSample | null) => void; error: string | null }) {
  const known = type !== undefined && !type.includes('*');
  const reference = useQuery({ ...eventTypeQuery(type ?? ''), enabled: known });
  if (!known) return <p className="hint small muted">A sample event with typical values is generated for the trigger's event type.</p>;
  if (reference.isPending) return <p className="hint small muted">Loading the sample {type} event…</p>;
  if (reference.isError) {
    return (
      <p className="hint small muted">
        A sample <span className="mono">{type}</span> event with typical values is generated.
      </p>
    );
  }
  const original = sampleObjectText(reference.data.event_type.sample);
  const text = edited !== null && edited.type === type ? edited.json : original;
  return (
    <label className="field">
      <span>
        The sample <span className="mono">{type}</span>'s object
      </span>
      <span className="hint small">Change any value to preview a sample your condition matches; amounts are in minor units (150000 USD cents is 1,500.00 USD).</span>
      <textarea
        className="mono preview-json preview-sample-json"
        value={text}
        onChange={(change) => onChange(change.target.value === original ? null : { type, json: change.target.value })}
        aria-invalid={error === null ? undefined : true}
        aria-describedby={error === null ? undefined : 'preview-sample-error'}
        spellCheck={false}
      />
      {error !== null && (
        <span className="field-error" id="preview-sample-error">
          {error}
        </span>
      )}
      {text !== original && (
        <button type="button" className="button subtle small preview-sample-reset" onClick={() => onChange(null)}>
          Back to the generated sample
        </button>
      )}
    </label>
  );
}

/** The edited sample as the event a preview runs on, or what is wrong with the text. */
export function editedSampleEvent(edited: EditedSample): { event: Record<string, unknown> } | { error: string } {
  let object: unknown;
  try {
    object = JSON.parse(edited.json);
  } catch (error) {
    return { error: `This is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof object !== 'object' || object === null || Array.isArray(object)) return { error: 'The sample\'s object is one JSON object, e.g. {"amount": 150000, "currency": "usd"}.' };
  return { event: { type: edited.type, data: { object } } };
}
