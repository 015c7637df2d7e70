import { createEmailOperation } from '../connectors/email/index.ts';
import { httpRequestOperation } from '../connectors/http/http-request-operation.ts';
import { stripeOperations } from '../connectors/stripe/index.ts';
import { createWebhookPostOperation } from '../connectors/webhook/index.ts';
import type { Operation } from '../engine/operation.ts';
import type { Store } from '../store/store.ts';

/** Every operation an action step may `use`, in this build, over `store`. */
export function builtInOperations(store: Store): Operation[] {
  return [
    httpRequestOperation,
    ...stripeOperations(),
    createWebhookPostOperation({ inbox: store.webhookInbox }),
    createEmailOperation({
      mailLog: store.outbox,
      teams: { membersOf: async (id) => (await store.getTeam(id))?.members },
    }),
  ];
}
