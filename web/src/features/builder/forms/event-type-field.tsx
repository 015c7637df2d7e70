import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorState, Loading } from '../../../ui/states.tsx';
import type { BuilderIssue } from '../builder-types.ts';
import { FieldIssues } from './form-row.tsx';
import { eventTypesQuery } from './reference-queries.ts';
import type { EventTypeSummary } from './reference-types.ts';
import { SearchPicker } from './search-picker.tsx';

const keyOf = (type: EventTypeSummary) => type.type;
const groupOf = (type: EventTypeSummary) => type.object;

/** The event types a trigger listens to: chips for the chosen ones and a searchable list grouped by object kind. */
export function EventTypeField({ types, onChange, issues }: { types: readonly string[]; onChange: (types: string[]) => void; issues: readonly BuilderIssue[] }) {
  const eventTypes = useQuery(eventTypesQuery);
  const [picking, setPicking] = useState(types.length === 0);
  const showPicker = picking || types.length === 0;
  return (
    <fieldset className="fieldset event-type-field">
      <legend>
        Event type<span className="required-mark" aria-hidden="true">{' *'}</span>
      </legend>
      {types.length > 0 && (
        <div className="row event-type-chosen">
          <ul className="chip-list" aria-label="Chosen event types">
            {types.map((type) => (
              <li key={type} className="chip">
                <span className="mono">{type}</span>
                {types.length > 1 && (
                  <button type="button" className="chip-remove" aria-label={`Remove ${type}`} onClick={() => onChange(types.filter((other) => other !== type))}>
                    ×
                  </button>
                )}
              </li>
            ))}
          </ul>
          {!showPicker && (
            <button type="button" className="button subtle" onClick={() => setPicking(true)}>
              Change
            </button>
          )}
        </div>
      )}
      {showPicker &&
        (eventTypes.isPending ? (
          <Loading label="Loading event types…" />
        ) : eventTypes.isError ? (
          <ErrorState error={eventTypes.error} retry={() => void eventTypes.refetch()} />
        ) : (
          <>
            <SearchPicker
              label="Stripe event types"
              items={eventTypes.data.event_types}
              keyOf={keyOf}
              groupOf={groupOf}
              placeholder="Search event types: payment_intent.succeeded, dispute, fraud…"
              onPick={(picked) => {
                onChange([picked.type]);
                setPicking(false);
              }}
            />
            {types.length > 0 && (
              <div className="row">
                <button type="button" className="button subtle" onClick={() => setPicking(false)}>
                  Cancel
                </button>
              </div>
            )}
          </>
        ))}
      <span className="hint">A run starts for each event of this type that meets the conditions below.</span>
      <FieldIssues issues={issues} />
    </fieldset>
  );
}
