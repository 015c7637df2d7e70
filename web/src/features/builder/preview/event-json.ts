/** The pasted JSON as an event object, or what is wrong with it. */
export function parseEventJson(text: string): { event: Record<string, unknown> } | { error: string } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return { error: `This is not JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return { error: 'Paste one Stripe event: a JSON object with "type" and "data": {"object": …}.' };
  const event = parsed as Record<string, unknown>;
  if (typeof event.type !== 'string') return { error: 'The event has no "type", e.g. "charge.succeeded".' };
  const data = event.data;
  if (typeof data !== 'object' || data === null || typeof (data as Record<string, unknown>).object !== 'object') return { error: 'The event has no "data": {"object": …}: the object the event is about.' };
  return { event };
}
