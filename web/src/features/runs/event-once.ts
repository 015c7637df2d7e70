/** Marks where the triggering event (or its `data.object`) would be repeated; the page shows the event once, above the timeline. */
export const EVENT_SHOWN_ABOVE = '‹the triggering event, shown above›';
export const OBJECT_SHOWN_ABOVE = '‹the event’s object, shown above›';

/**
 * `value` with every copy of the run's triggering event, or of its object, replaced by a short
 * note, so a step whose input or output holds the whole event does not repeat it.
 */
export function withoutEvent(value: unknown, event: unknown): unknown {
  if (typeof event !== 'object' || event === null) return value;
  const object = (event as { data?: { object?: unknown } }).data?.object;
  const eventText = canonical(event);
  const objectText = typeof object === 'object' && object !== null ? canonical(object) : undefined;
  // Only a node with as many keys as the event or its object can equal it: the cheap test first.
  const sizes = new Set([Object.keys(event).length, ...(objectText === undefined ? [] : [Object.keys(object as object).length])]);
  const walk = (node: unknown): unknown => {
    if (typeof node !== 'object' || node === null) return node;
    if (!Array.isArray(node) && sizes.has(Object.keys(node).length)) {
      const text = canonical(node);
      if (text === eventText) return EVENT_SHOWN_ABOVE;
      if (text === objectText) return OBJECT_SHOWN_ABOVE;
    }
    if (Array.isArray(node)) return node.map(walk);
    return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, walk(child)]));
  };
  return walk(value);
}

/** JSON text with object keys sorted, so two equal values give the same text whatever their key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, node: unknown) =>
    typeof node === 'object' && node !== null && !Array.isArray(node) ? Object.fromEntries(Object.entries(node).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : node,
  );
}
