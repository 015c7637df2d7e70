/** Schemas of the preview and backtest routes (issue 10's simulation). */
import { z } from 'zod';
import { BacktestStatus } from '../simulation/backtest-registry.ts';
import { ApprovalChoice } from '../simulation/simulated-approvals.ts';
import { EffectKind } from '../simulation/simulated-operations.ts';
import { SimulatedRunStatus } from '../simulation/simulated-run.ts';
import { EffectsMode } from '../simulation/preview-draft.ts';

const definitionField = z.record(z.string(), z.unknown()).meta({ description: 'The draft: ONE Workflow document as a JSON object, as `POST /api/v1/validate` takes it' });
const liveReadsField = z.boolean().optional().meta({ description: 'Reads (retrieve, list) go to Stripe for real; default false (simulated)' });
const approvalField = z.enum(ApprovalChoice).optional().meta({ description: 'How approval steps are decided in the simulation; default approve' });

export const previewBody = z.strictObject({
  definition: definitionField,
  event: z.record(z.string(), z.unknown()).optional().meta({ description: 'A Stripe event `{type, data: {object}}` (id optional) for event triggers' }),
  event_id: z.string().min(1).optional().meta({ description: 'Or a stored event (evt_...); neither: a sample event generated for the trigger\'s type' }),
  input: z.record(z.string(), z.unknown()).optional().meta({ description: 'Manual and form triggers: the input fields' }),
  live_reads: liveReadsField,
  approval: approvalField,
  effects: z.enum(EffectsMode).optional().meta({ description: '`sandbox`: run for real against the built-in sandbox (409 `sandbox_only` without one); default simulated' }),
});

const moneySchema = z.object({ currency: z.string(), amount: z.number().int() });

export const effectSchema = z.object({
  operation: z.string(),
  label: z.string().meta({ description: 'The verb phrase, e.g. `would refund`, `would email team risk`' }),
  count: z.number().int(),
  money: z.array(moneySchema).meta({ description: 'Money moved per currency, in minor units' }),
  unknown_amounts: z.number().int().meta({ description: 'Money-moving calls whose amount or currency could not be told (e.g. a full refund without live reads)' }),
});

const codeMessage = z.object({ code: z.string(), message: z.string() });

export const simulatedStepSchema = z.object({
  path: z.string().meta({ description: 'Journal path, e.g. `refund`, `each/0/charge`' }),
  node: z.string().meta({ description: 'Graph node id (foreach index replaced by `*`), as GET .../graph names it' }),
  step: z.string(),
  type: z.string(),
  uses: z.string().nullable(),
  status: z.enum(['succeeded', 'failed', 'waiting']),
  input: z.unknown().meta({ description: 'The rendered input, as it would be sent' }),
  output: z.unknown().meta({ description: 'The simulated (or live-read, or sandbox) output' }),
  effect: z.enum(EffectKind),
  money: z.object({ amount: z.number().int().nullable(), currency: z.string().nullable() }).nullable(),
  email: z.object({ to: z.array(z.string()), cc: z.array(z.string()), subject: z.string(), text: z.string() }).nullable(),
  error: codeMessage.nullable(),
});

export const simulatedRunSchema = z.object({
  status: z.enum(SimulatedRunStatus),
  outcome: z.string().nullable(),
  error: z.object({ code: z.string(), message: z.string(), step: z.string().nullable() }).nullable(),
  path: z.array(z.string()).meta({ description: 'Graph node ids taken, in order' }),
  steps: z.array(simulatedStepSchema),
  effects: z.array(effectSchema),
});

export const previewResponseSchema = z.object({
  preview: z.object({
    event: z.object({ id: z.string().nullable(), type: z.string(), sample: z.boolean(), object: z.unknown() }).nullable(),
    matched: z.boolean().meta({ description: "The trigger's `when` held (always true without one)" }),
    run: simulatedRunSchema.nullable().meta({ description: 'Null when the trigger did not match' }),
  }),
});

export const backtestBody = z.strictObject({
  definition: definitionField,
  since: z.string().optional().meta({ description: '`30d`, `12h` or an ISO time; default 30d (unless `last` is given)' }),
  until: z.string().optional().meta({ description: 'An ISO time; default now' }),
  last: z.number().int().min(1).optional().meta({ description: 'Only the newest N events' }),
  live_reads: liveReadsField,
  approval: approvalField,
});

export const backtestSchema = z.object({
  id: z.string(),
  status: z.enum(BacktestStatus),
  workflow: z.string(),
  event_type: z.string(),
  window: z.object({ since: z.string().nullable(), until: z.string().nullable(), last: z.number().int().nullable() }),
  progress: z.object({ done: z.number().int(), total: z.number().int() }).meta({ description: 'Events replayed of the events in the window' }),
  created_at: z.string(),
  finished_at: z.string().nullable(),
  report: z
    .object({
      events: z.number().int(),
      runs: z.number().int().meta({ description: 'Events whose trigger conditions held: the runs that would start' }),
      outcomes: z.array(z.object({ status: z.enum(SimulatedRunStatus), outcome: z.string().nullable(), count: z.number().int() })),
      effects: z.array(effectSchema),
      summary: z.string().meta({ description: 'e.g. "would refund 37 charges, 412.50 USD; would email team risk 120 times"' }),
    })
    .nullable()
    .meta({ description: 'Null while running' }),
  error: codeMessage.nullable(),
});

export const backtestResponseSchema = z.object({ backtest: backtestSchema });

export const backtestParams = z.strictObject({ id: z.string().min(1) });

export const backtestRunsQuery = z.strictObject({
  limit: z.coerce.number().int().min(1).max(200).optional().meta({ description: 'Page size, 1 to 200; default 50' }),
  cursor: z.string().optional(),
  status: z.enum(SimulatedRunStatus).optional(),
});

export const backtestRunsResponseSchema = z.object({
  runs: z.array(
    z.object({
      event_id: z.string(),
      event_type: z.string(),
      event_created: z.string(),
      status: z.enum(SimulatedRunStatus),
      outcome: z.string().nullable(),
      path: z.array(z.string()),
      effects: z.array(effectSchema),
      error: codeMessage.nullable(),
    }),
  ),
  next_cursor: z.string().nullable(),
});
