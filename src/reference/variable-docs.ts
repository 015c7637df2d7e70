import type { Variables } from '../core/json.ts';

/** An expression over sample variables and the value it gives; the test suite evaluates each. */
export interface EvaluatedExample {
  expression: string;
  variables: Variables;
  result: unknown;
}

/** A variable (or family of variables) an expression may read. */
export interface VariableDoc {
  name: string;
  /** Where it is in scope. */
  scope: string;
  description: string;
  example: EvaluatedExample;
}

const dispute = { id: 'dp_123', object: 'dispute', amount: 12500, currency: 'usd', charge: 'ch_123', reason: 'fraudulent', status: 'needs_response' };

/** Every variable a workflow's expressions and templates may read, in the order a run gets them. */
export const VARIABLES: readonly VariableDoc[] = [
  {
    name: 'event',
    scope: 'event trigger',
    description: 'The whole Stripe event: `id`, `type`, `created`, `livemode`, `account` (for Connect), `data.object`.',
    example: { expression: 'event.type', variables: { event: { id: 'evt_123', type: 'charge.dispute.created', data: { object: dispute } } }, result: 'charge.dispute.created' },
  },
  {
    name: 'object',
    scope: 'event trigger',
    description: 'The event\'s object, `event.data.object`: the charge, dispute, invoice… as Stripe sent it. Amounts are in minor units.',
    example: { expression: 'object.amount > $minor(100, object.currency)', variables: { object: dispute }, result: true },
  },
  {
    name: 'schedule',
    scope: 'schedule trigger',
    description: 'The tick that started the run: `{tick, cron, timezone}`; `tick` is an ISO 8601 time in UTC.',
    example: { expression: '$substring(schedule.tick, 0, 10)', variables: { schedule: { tick: '2025-03-03T08:00:00.000Z', cron: '0 9 * * 1', timezone: 'Europe/Paris' } }, result: '2025-03-03' },
  },
  {
    name: 'body',
    scope: 'webhook trigger',
    description: 'The JSON payload the webhook delivered.',
    example: { expression: 'body.email', variables: { body: { type: 'signup', email: 'jane@example.com' } }, result: 'jane@example.com' },
  },
  {
    name: 'headers',
    scope: 'webhook trigger',
    description: 'The delivery\'s HTTP headers, names in lower case (authorization, cookie and signature headers left out).',
    example: { expression: 'headers."x-source"', variables: { headers: { 'x-source': 'crm' } }, result: 'crm' },
  },
  {
    name: '<field key>',
    scope: 'manual and form triggers',
    description: 'Each input field is a variable named by its `key` (`amount`, `charge`…). A `money` field holds the major-unit amount (19.99); `$minor` turns it into what Stripe takes.',
    example: { expression: '$minor(amount, "usd")', variables: { amount: 19.99 }, result: 1999 },
  },
  {
    name: 'request',
    scope: 'runs started by a catalog request (form trigger)',
    description: 'The request: `{id, offering, service, requester, submitted_at}`.',
    example: { expression: 'request.requester', variables: { request: { id: 'req_123', offering: 'goodwill', service: 'billing', requester: 'sam@example.com', submitted_at: '2025-03-03T08:00:00.000Z' } }, result: 'sam@example.com' },
  },
  {
    name: 'run',
    scope: 'every run',
    description: 'The run itself: `{id, workflow, version, started_at}`.',
    example: { expression: '"Run " & run.id & " of " & run.workflow', variables: { run: { id: 'run_123', workflow: 'dispute-alert', version: 3, started_at: '2025-03-03T08:00:00.000Z' } }, result: 'Run run_123 of dispute-alert' },
  },
  {
    name: '<step output>',
    scope: 'steps after the one that set it',
    description: 'An action, approval, foreach, parallel or workflow step stores its result under its `output` (default its id); a `set` step assigns the names of its `values`. Inside a foreach iteration or a parallel branch, what its steps set is seen only there.',
    example: { expression: 'charge.amount - charge.amount_refunded', variables: { charge: { id: 'ch_123', amount: 12500, amount_refunded: 2500 } }, result: 10000 },
  },
  {
    name: 'error',
    scope: 'steps on an `on_error` path',
    description: 'Why the action failed: `{type, code, message, retryable, path?, …}`; Stripe failures add `decline_code`, `param`, `request_id`, `status`. The codes are in [errors](errors.md).',
    example: { expression: 'error.code = "card_declined" and error.decline_code = "insufficient_funds"', variables: { error: { type: 'permanent', code: 'card_declined', decline_code: 'insufficient_funds', message: 'Your card has insufficient funds.' } }, result: true },
  },
  {
    name: '<as>, <as>_index',
    scope: 'steps inside a foreach',
    description: 'The current item under the foreach\'s `as` name (default `item`) and its position from 0 as `<as>_index`.',
    example: { expression: 'item_index & ": " & item.id', variables: { item: { id: 'cus_123' }, item_index: 2 }, result: '2: cus_123' },
  },
];

/** What `env` is for: connector configs and webhook secrets, never workflow expressions. */
export const ENV_NOTE =
  '`env` is not a variable of workflow expressions: secrets stay out of runs. A Connector\'s `config` (and a webhook trigger\'s `secret`) reads environment variables as `{{ env.NAME }}`, where the worker or server runs; pass other values through the trigger or a `set` step.';
