import { createEmailOperation } from '../connectors/email/index.ts';
import { httpRequestOperation } from '../connectors/http/http-request-operation.ts';
import { stripeOperations } from '../connectors/stripe/index.ts';
import { createWebhookPostOperation } from '../connectors/webhook/index.ts';
import type { Operation } from '../engine/operation.ts';
import { OutboxStore } from '../store/outbox-store.ts';
import type { SqlStore } from '../store/sql-store.ts';
import { WebhookInboxStore } from '../store/webhook-inbox-store.ts';

/** Every operation an action step may `use`, in this build, over `store`. */
export function builtInOperations(store: SqlStore): Operation[] {
  return [
    httpRequestOperation,
    ...stripeOperations(),
    createWebhookPostOperation({ inbox: new WebhookInboxStore(store.database) }),
    createEmailOperation({
      mailLog: new OutboxStore(store.database),
      teams: { membersOf: async (id) => (await store.getTeam(id))?.members },
    }),
  ];
}
