import { formatPath } from './definition-issue.ts';
import type { ReportIssue } from './definition-issue.ts';
import { eventTypeMatches } from './event-type-check.ts';
import type { OperationCatalog } from './operation-spec.ts';
import type { Trigger, WorkflowDocument } from './schema.ts';
import { STRIPE_EVENT_TYPES } from './stripe-event-types.ts';
import { allSteps } from './workflow-graph.ts';

type EventTrigger = Extract<Trigger, { type: 'event' }>;

export interface MoneyOverlapOptions {
  operations: OperationCatalog;
  /** The batch's workflows, each with how to report on it. */
  batch: readonly { workflow: WorkflowDocument; report: ReportIssue }[];
  /** Workflows active in the store; a batch workflow of the same id replaces its stored one. */
  active: readonly WorkflowDocument[];
}

/**
 * Warns when two active workflows that move money start on the same Stripe
 * event: one event would then refund (or credit) twice. It may be intended
 * (their `when` conditions may split the events), so it is a warning, on the
 * batch workflow, once per pair.
 */
export function checkMoneyOverlap(options: MoneyOverlapOptions): void {
  const batchIds = new Set(options.batch.map((entry) => entry.workflow.id));
  const byId = new Map<string, WorkflowDocument>([...options.active.map((workflow): [string, WorkflowDocument] => [workflow.id, workflow])]);
  for (const { workflow } of options.batch) byId.set(workflow.id, workflow);
  const movers = [...byId.values()].flatMap((workflow) => {
    const trigger = workflow.trigger;
    const mover = trigger.type === 'event' ? moneyStep(workflow, byId, options.operations, new Set()) : undefined;
    return trigger.type === 'event' && mover !== undefined ? [{ workflow, trigger, mover, types: matchedTypes(trigger) }] : [];
  });
  options.batch.forEach(({ workflow, report }, batchIndex) => {
    const self = movers.find((candidate) => candidate.workflow === workflow);
    if (self === undefined) return;
    for (const other of movers) {
      if (other === self) continue;
      // Between two batch workflows, warn on the later one only.
      const otherIndex = options.batch.findIndex((entry) => entry.workflow === other.workflow);
      if (batchIds.has(other.workflow.id) && otherIndex > batchIndex) continue;
      if (!sameAccounts(self.trigger, other.trigger)) continue;
      const shared = [...self.types].filter((type) => other.types.has(type));
      if (shared.length === 0) continue;
      const where = batchIds.has(other.workflow.id) ? `workflow "${other.workflow.id}" of this batch` : `the active workflow "${other.workflow.id}"`;
      const types = shared.length > 3 ? `${shared.slice(0, 3).join(', ')} and ${shared.length - 3} more` : shared.join(', ');
      report(
        ['trigger', 'event'],
        `this workflow and ${where} both start on ${types} and both move money (${self.mover} here, ${other.mover} there): ` +
          'one event would run both; if that is not intended, make their `when` conditions exclusive or deactivate one',
        { severity: 'warning' },
      );
    }
  });
}

/** The first step that moves money (`uses` at its path), following `workflow` steps into the workflows they start. */
function moneyStep(workflow: WorkflowDocument, byId: ReadonlyMap<string, WorkflowDocument>, operations: OperationCatalog, seen: Set<string>): string | undefined {
  seen.add(workflow.id);
  for (const { step, keys } of allSteps(workflow.steps)) {
    if (step.type === 'action' && operations.get(step.uses)?.movesMoney === true) return `${step.uses} at ${formatPath(keys)}`;
    if (step.type !== 'workflow' || seen.has(step.workflow)) continue;
    const child = byId.get(step.workflow);
    const nested = child === undefined ? undefined : moneyStep(child, byId, operations, seen);
    if (nested !== undefined) return `${nested} of workflow "${step.workflow}"`;
  }
  return undefined;
}

/** The event types a trigger starts on: the Stripe types its patterns match, and any other type it names exactly. */
function matchedTypes(trigger: EventTrigger): Set<string> {
  const patterns = typeof trigger.event === 'string' ? [trigger.event] : trigger.event;
  return new Set([...STRIPE_EVENT_TYPES.filter((type) => eventTypeMatches(patterns, type)), ...patterns.filter((pattern) => !pattern.includes('*'))]);
}

/** Whether two triggers can receive the same event: the same connector (or either unnamed) and overlapping accounts. */
function sameAccounts(a: EventTrigger, b: EventTrigger): boolean {
  if (a.connector !== undefined && b.connector !== undefined && a.connector !== b.connector) return false;
  return a.account === b.account || a.account === 'both' || b.account === 'both';
}
