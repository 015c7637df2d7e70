/** `charge.dispute.created` goes under `charge`; groups in the order of the (sorted) list. */
function groupByObject(eventTypes: readonly string[]): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const eventType of eventTypes) {
    const object = eventType.split('.')[0] ?? eventType;
    groups.set(object, [...(groups.get(object) ?? []), eventType]);
  }
  return [...groups];
}

/** The options of an event type select: every Stripe event type (~275), grouped by object so the list can be scanned; typing jumps to a type. */
export function EventTypeOptions({ eventTypes }: { eventTypes: readonly string[] }) {
  return groupByObject(eventTypes).map(([object, types]) => (
    <optgroup key={object} label={object}>
      {types.map((eventType) => (
        <option key={eventType} value={eventType}>
          {eventType}
        </option>
      ))}
    </optgroup>
  ));
}
