/**
 * Where `webhook.post` keeps a message when its connector has no URL
 * configured (the first run, before `NOTIFY_WEBHOOK_URL` is set), as
 * `email.send` keeps mail in the outbox without an smtp connector. One
 * message per webhook-id (the step's idempotency key): a re-run step finds
 * its message instead of keeping it twice. The store's WebhookInboxStore
 * implements it.
 */

export interface NewInboxMessage {
  webhookId: string;
  connectorId: string;
  runId: string | null;
  stepPath: string | null;
  /** The step's `with.url`, when it gave a path under the connector's URL. */
  path: string | null;
  /** The headers the message would carry, besides the signature. */
  headers: Record<string, string>;
  body: unknown;
  /** Why the message was kept, e.g. `NOTIFY_WEBHOOK_URL is not set`. */
  reason: string;
  now: Date;
}

export interface WebhookInbox {
  /** Keeps the message unless its webhook-id is already kept; either way returns the stored row's id. */
  keepOnce(message: NewInboxMessage): Promise<{ id: string; created: boolean }>;
}
