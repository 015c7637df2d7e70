import { newId } from '../core/ids.ts';
import { WorkflowStatus } from '../core/statuses.ts';
import { eventTypeMatches } from '../definition/event-type-check.ts';
import type { Trigger, WorkflowDocument } from '../definition/schema.ts';
import { evaluateCondition } from '../expression/index.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import { firstStepPath } from '../engine/step-graph.ts';
import type { EventMatch, ReceivedEvent } from '../store/event-store.ts';

type EventTrigger = Extract<Trigger, { type: 'event' }>;

/** A workflow that listens to Stripe events, as of one intake batch. */
export interface EventListener {
  workflowId: string;
  active: boolean;
  version: number;
  definition: WorkflowDocument;
  trigger: EventTrigger;
}

/** Every workflow with an event trigger: active ones at their active version, others as drafted (to say why they did not run). */
export async function eventListeners(engine: EngineContext): Promise<EventListener[]> {
  const listeners: EventListener[] = [];
  for (const workflow of await engine.store.listWorkflows({ cached: true })) {
    if (workflow.triggerType !== 'event' || workflow.status === WorkflowStatus.archived) continue;
    const active = workflow.status === WorkflowStatus.active && workflow.activeVersion !== null;
    const definition = active ? await engine.definitions.get(workflow.id, workflow.activeVersion ?? 0) : workflow.draft;
    if (definition?.trigger.type !== 'event') continue;
    listeners.push({ workflowId: workflow.id, active, version: workflow.activeVersion ?? 0, definition, trigger: definition.trigger });
  }
  return listeners;
}

export function typeMatches(pattern: string | string[], type: string): boolean {
  return eventTypeMatches(pattern, type);
}

export interface MatchOptions {
  /** When the runs start; default: when the event was received. A replay starts them now. */
  at?: Date;
  /** More detail for the runs' trigger (a replay says who replayed). */
  trigger?: Record<string, unknown>;
}

/** Which workflows this event starts, and why the others that listen to its type do not. */
export async function matchEvent(engine: EngineContext, listeners: readonly EventListener[], event: ReceivedEvent, options: MatchOptions = {}): Promise<EventMatch[]> {
  const at = options.at ?? event.receivedAt;
  const matches: EventMatch[] = [];
  const payload = event.payload as { data?: { object?: unknown } };
  const variables = { event: event.payload, object: payload.data?.object ?? null };
  for (const listener of listeners) {
    const { trigger } = listener;
    if (!typeMatches(trigger.event, event.type)) continue;
    if (trigger.connector !== undefined && trigger.connector !== event.connectorId) continue;
    const match = (reason: string, run: EventMatch['run'] = null) => matches.push({ workflowId: listener.workflowId, run, reason });
    if (!listener.active) {
      match('workflow_inactive');
      continue;
    }
    const connected = event.account !== null;
    if ((trigger.account === 'self' && connected) || (trigger.account === 'connected' && !connected)) {
      match(`account_mismatch: the trigger takes ${trigger.account} events, this one is from ${connected ? `connected account ${event.account}` : 'the platform account'}`);
      continue;
    }
    if (trigger.when !== undefined) {
      try {
        if (!(await evaluateCondition(trigger.when, variables, { timeoutMs: engine.expressionTimeoutMs }))) {
          match('condition_false');
          continue;
        }
      } catch (error) {
        match(`condition_error: ${(error as Error).message}`);
        continue;
      }
    }
    match('started', {
      id: newId('run', at),
      workflowId: listener.workflowId,
      version: listener.version,
      variables,
      trigger: { type: 'event', event_id: event.id, event_type: event.type, ...(event.account ? { account: event.account } : {}), ...options.trigger },
      firstStep: firstStepPath(listener.definition.steps),
      createdAt: at,
    });
  }
  return matches;
}
