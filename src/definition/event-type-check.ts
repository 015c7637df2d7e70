import { suggestion } from './did-you-mean.ts';
import type { PathKey, ReportIssue } from './definition-issue.ts';
import type { WorkflowDocument } from './schema.ts';
import { STRIPE_EVENT_TYPES } from './stripe-event-types.ts';

const EVENT_TYPES_URL = 'https://docs.stripe.com/api/events/types';

/**
 * Checks an event trigger's event types against Stripe's (stripe-event-types.ts):
 * a type no Stripe event has would leave the workflow silent forever. `*`
 * matches every event and `prefix.*` every type starting with `prefix.`.
 */
export function checkEventTypes(workflow: WorkflowDocument, report: ReportIssue): void {
  const { trigger } = workflow;
  if (trigger.type !== 'event') return;
  const patterns: { pattern: string; keys: PathKey[] }[] =
    typeof trigger.event === 'string'
      ? [{ pattern: trigger.event, keys: ['trigger', 'event'] }]
      : trigger.event.map((pattern, index) => ({ pattern, keys: ['trigger', 'event', index] }));
  for (const { pattern, keys } of patterns) {
    const problem = eventPatternProblem(pattern);
    if (problem !== undefined) report(keys, problem);
  }
}

/** Whether an event trigger's `event` (a type, `prefix.*` or `*`, or a list of these) matches an event type. */
export function eventTypeMatches(pattern: string | readonly string[], type: string): boolean {
  const patterns = typeof pattern === 'string' ? [pattern] : pattern;
  return patterns.some((p) => p === '*' || p === type || (p.endsWith('.*') && type.startsWith(p.slice(0, -1))));
}

function eventPatternProblem(pattern: string): string | undefined {
  if (pattern === '*' || STRIPE_EVENT_TYPES.includes(pattern)) return undefined;
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1);
    if (STRIPE_EVENT_TYPES.some((type) => type.startsWith(prefix))) return undefined;
    const groups = [...new Set(STRIPE_EVENT_TYPES.map((type) => `${type.slice(0, type.lastIndexOf('.'))}.*`))];
    return `no Stripe event type starts with "${prefix}"${suggestion(pattern, groups)}; see ${EVENT_TYPES_URL}`;
  }
  const hint = suggestion(pattern, STRIPE_EVENT_TYPES);
  return `unknown Stripe event type "${pattern}"${hint}; ${hint === '' ? `see the list at ${EVENT_TYPES_URL}` : 'the workflow would never start'}`;
}
