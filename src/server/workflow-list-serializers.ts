import type { z } from 'zod';
import type { WorkflowListing } from '../application/list-workflows.ts';
import { serializeWorkflowSummary } from './serializers.ts';
import type { WorkflowListItemBody, workflowTriggerSummarySchema } from './workflow-list-schemas.ts';

/** A workflow in the workflows list: the summary plus its trigger (secrets left out), newest run, failures and next scheduled run. */
export function serializeWorkflowListing(listing: WorkflowListing): WorkflowListItemBody {
  return {
    ...serializeWorkflowSummary(listing.workflow),
    trigger: listing.trigger === null ? null : serializeTrigger(listing.trigger, listing.inbound),
    last_run:
      listing.lastRun === null
        ? null
        : { id: listing.lastRun.id, status: listing.lastRun.status, created_at: listing.lastRun.createdAt.toISOString(), finished_at: listing.lastRun.finishedAt?.toISOString() ?? null },
    failures_24h: listing.failures24h,
    next_run_at: listing.nextRunAt?.toISOString() ?? null,
  };
}

function serializeTrigger(trigger: NonNullable<WorkflowListing['trigger']>, inbound: WorkflowListing['inbound']): z.output<typeof workflowTriggerSummarySchema> {
  switch (trigger.type) {
    case 'event':
      return { type: 'event', events: typeof trigger.event === 'string' ? [trigger.event] : trigger.event, ...(trigger.when === undefined ? {} : { when: trigger.when }) };
    case 'schedule':
      return { type: 'schedule', cron: trigger.cron, timezone: trigger.timezone };
    case 'webhook':
      return {
        type: 'webhook',
        signed: trigger.secret !== undefined && trigger.secret !== '',
        ...(trigger.when === undefined ? {} : { when: trigger.when }),
        ...(inbound === null ? {} : { path: inbound.path, url: inbound.url }),
      };
    case 'manual':
    case 'form':
      return { type: trigger.type };
    default: {
      const unknown: never = trigger;
      return unknown;
    }
  }
}
