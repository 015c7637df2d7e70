import type Stripe from 'stripe';
import type { Metrics } from './metrics.ts';
import type { SandboxEvents } from './sandbox-events.ts';
import type { OperationCatalog } from '../definition/operation-spec.ts';
import type { EngineContext } from '../engine/engine-context.ts';
import type { IntakeAdmission } from '../engine/intake-admission.ts';
import type { IdentityContext } from '../identity/identity-context.ts';
import type { ConnectorVariables } from './connector-variables.ts';
import type { ApprovalStore } from '../store/approval-store.ts';
import type { EventStore } from '../store/event-store.ts';
import type { IdempotencyStore } from '../store/idempotency-store.ts';
import type { OutboxStore } from '../store/outbox-store.ts';
import type { RequestStore } from '../store/request-store.ts';
import type { WebhookInboxStore } from '../store/webhook-inbox-store.ts';
import type { StripeEventIntake } from '../triggers/stripe-event-intake.ts';
import type { WakePolicy } from './wake-run.ts';

/** What the use cases shared by the HTTP API and the CLI need. */
export interface AppContext {
  metrics: Metrics;
  /** The bundled example workflows, offered as templates. */
  templatesDir: string;
  engine: EngineContext;
  catalog: OperationCatalog;
  /** Tells the local worker that work was queued in this process. */
  wakeWorker: () => void;
  approvals: ApprovalStore;
  events: EventStore;
  outbox: OutboxStore;
  /** Messages webhook.post kept because their connector has no URL configured. */
  webhookInbox: WebhookInboxStore;
  stripeIntake: StripeEventIntake;
  /** The SDK client of the stripe connector `id`, under the system's rate gate (reads such as the Events API). */
  stripeClientOf: (connectorId: string) => Promise<Stripe>;
  /** Backpressure: asked before a webhook delivery stores anything; refuses while the workers are too far behind. */
  intake: IntakeAdmission;
  /** Catalog requests (an offering's submitted form and its run). */
  requests: RequestStore;
  /** One received Stripe event by id. */
  /** Users, API keys, sessions and the auth mode. */
  identity: IdentityContext;
  /** Idempotency keys of API calls and their saved answers. */
  idempotencyKeys: IdempotencyStore;
  /** The built-in Stripe sandbox when Tollgate runs with it (`tollgate start` without STRIPE_SECRET_KEY); absent against real Stripe. */
  sandbox?: SandboxEvents;
  /** Connector variables stored through the API (sealed), when the environment does not set them. */
  connectorVariables?: ConnectorVariables;
  /**
   * The Stripe connector `tollgate start` builds in (from STRIPE_SECRET_KEY, or the sandbox), by id, and how its
   * events arrive (TOLLGATE_STRIPE_EVENTS); absent where none is built in. Never its config, which holds secrets.
   */
  builtInStripe?: { id: string; events: 'webhook' | 'poll' };
  /** Where people and other systems reach this server (TOLLGATE_PUBLIC_URL); absent when it is not set. */
  publicUrl?: string;
  /** Whether `runs wake` may end a run's wait early (sandbox or test key, or TOLLGATE_ALLOW_WAKE). */
  wakePolicy: WakePolicy;
}
