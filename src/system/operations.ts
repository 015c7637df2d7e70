import { createEmailOperation } from '../connectors/email/index.ts';
import { createHttpRequestOperation } from '../connectors/http/http-request-operation.ts';
import type { OutboundPolicy } from '../connectors/net/index.ts';
import { stripeOperations, type StripeClientFor } from '../connectors/stripe/index.ts';
import { createWebhookPostOperation } from '../connectors/webhook/index.ts';
import type { Operation } from '../engine/operation.ts';
import type { Store } from '../store/store.ts';

/** Every operation an action step may `use`, in this build, over `store`; outbound calls follow `outbound`, Stripe's go through `stripeClients`. */
export function builtInOperations(store: Store, options: { outbound: OutboundPolicy; stripeClients: StripeClientFor }): Operation[] {
  return [
    createHttpRequestOperation({ outbound: options.outbound }),
    ...stripeOperations({ clientFor: options.stripeClients }),
    createWebhookPostOperation({ inbox: store.webhookInbox, outbound: options.outbound }),
    createEmailOperation({
      mailLog: store.outbox,
      teams: { membersOf: async (id) => (await store.getTeam(id))?.members },
    }),
  ];
}
