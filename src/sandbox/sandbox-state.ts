import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { InvalidInputError } from '../core/errors.ts';
import type { IdempotencyEntry } from './idempotency-cache.ts';
import type { DeliveryRecord } from './webhook-delivery.ts';
import type {
  Charge,
  CreditNote,
  Customer,
  Dispute,
  EarlyFraudWarning,
  Invoice,
  PaymentIntent,
  Refund,
  StripeEvent,
  StripeObject,
  WebhookEndpoint,
} from './stripe-objects.ts';

/** Everything the sandbox remembers, each collection in creation order. */
export interface SandboxState {
  customers: Map<string, Customer>;
  payment_intents: Map<string, PaymentIntent>;
  charges: Map<string, Charge>;
  refunds: Map<string, Refund>;
  early_fraud_warnings: Map<string, EarlyFraudWarning>;
  disputes: Map<string, Dispute>;
  invoices: Map<string, Invoice>;
  credit_notes: Map<string, CreditNote>;
  subscriptions: Map<string, StripeObject>;
  events: Map<string, StripeEvent>;
  webhook_endpoints: Map<string, WebhookEndpoint>;
  idempotency: Map<string, IdempotencyEntry>;
}

export type CollectionName = Exclude<keyof SandboxState, 'idempotency'>;

const COLLECTIONS = [
  'customers',
  'payment_intents',
  'charges',
  'refunds',
  'early_fraud_warnings',
  'disputes',
  'invoices',
  'credit_notes',
  'subscriptions',
  'events',
  'webhook_endpoints',
] as const satisfies readonly CollectionName[];

/** Which collection an id belongs to, by its Stripe prefix. */
const PREFIXES = new Map<string, CollectionName>([
  ['cus', 'customers'],
  ['pi', 'payment_intents'],
  ['ch', 'charges'],
  ['re', 'refunds'],
  ['issfr', 'early_fraud_warnings'],
  ['dp', 'disputes'],
  ['in', 'invoices'],
  ['cn', 'credit_notes'],
  ['sub', 'subscriptions'],
  ['evt', 'events'],
  ['we', 'webhook_endpoints'],
]);

const FORMAT = 'tollgate-stripe-sandbox';
// Version 2 adds the webhook delivery queue; a version 1 file is read as one with an empty queue.
// A collection a file does not have (disputes, in files written before the sandbox kept them) loads empty.
const VERSION = 2;
const READABLE_VERSIONS: readonly unknown[] = [1, 2];

/** What the state file holds: the objects, and the webhook deliveries (pending ones are resumed at start). */
export interface SavedSandbox {
  state: SandboxState;
  deliveries: DeliveryRecord[];
}

export function createState(): SandboxState {
  return {
    customers: new Map(),
    payment_intents: new Map(),
    charges: new Map(),
    refunds: new Map(),
    early_fraud_warnings: new Map(),
    disputes: new Map(),
    invoices: new Map(),
    credit_notes: new Map(),
    subscriptions: new Map(),
    events: new Map(),
    webhook_endpoints: new Map(),
    idempotency: new Map(),
  };
}

/** The stored object with this id, whatever its kind. */
export function findObject(state: SandboxState, id: string): StripeObject | undefined {
  const collection = PREFIXES.get(id.slice(0, id.indexOf('_')));
  return collection === undefined ? undefined : state[collection].get(id);
}

/** Whether an id has the prefix of a kind of object the sandbox keeps. */
export function isObjectId(id: string): boolean {
  return PREFIXES.has(id.slice(0, id.indexOf('_')));
}

/** How many stored objects each collection holds. */
export function countObjects(state: SandboxState): Record<CollectionName, number> {
  const counts = {} as Record<CollectionName, number>;
  for (const name of COLLECTIONS) counts[name] = state[name].size;
  return counts;
}

/**
 * Writes the state and the delivery queue to `file` together, atomically: a
 * temporary file, then a rename. A kill leaves the old file or the new one.
 */
export function saveState(file: string, saved: { state: SandboxState; deliveries: readonly DeliveryRecord[] }): void {
  const { state } = saved;
  const collections: Record<string, unknown[]> = {};
  for (const name of COLLECTIONS) collections[name] = [...state[name].values()];
  const document = { format: FORMAT, version: VERSION, collections, idempotency: [...state.idempotency.values()], deliveries: saved.deliveries };
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(document));
  renameSync(temporary, file);
}

/** Reads a state file written by `saveState`; a missing file is an empty state. */
export function loadState(file: string): SavedSandbox {
  const state = createState();
  if (!existsSync(file)) return { state, deliveries: [] };
  const document = parseDocument(file);
  for (const name of COLLECTIONS) {
    fill(state[name], document.collections[name], file, (record) => record.id);
  }
  fill(state.idempotency, document.idempotency, file, (entry) => `${entry.scope}:${entry.key}`);
  return { state, deliveries: trustedRecords<DeliveryRecord>(document.deliveries, file) };
}

interface StateDocument {
  collections: Record<string, unknown>;
  idempotency: unknown;
  deliveries: unknown;
}

function parseDocument(file: string): StateDocument {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw unreadable(file, 'it is not valid JSON', error);
  }
  if (!isRecord(parsed) || parsed.format !== FORMAT || !READABLE_VERSIONS.includes(parsed.version) || !isRecord(parsed.collections)) {
    throw unreadable(file, `it is not a version ${READABLE_VERSIONS.join(' or ')} sandbox state file`);
  }
  return { collections: parsed.collections, idempotency: parsed.idempotency ?? [], deliveries: parsed.deliveries ?? [] };
}

// The file is the sandbox's own output, so records are trusted once their outer shape checks out.
function fill<T>(target: Map<string, T>, records: unknown, file: string, keyOf: (record: T) => string): void {
  for (const record of trustedRecords<T>(records, file)) target.set(keyOf(record), record);
}

function trustedRecords<T>(records: unknown, file: string): T[] {
  if (records === undefined) return [];
  if (!Array.isArray(records)) throw unreadable(file, 'a collection is not a list');
  for (const record of records as unknown[]) {
    if (!isRecord(record)) throw unreadable(file, 'a record is not an object');
  }
  return records as T[];
}

function unreadable(file: string, why: string, cause?: unknown): InvalidInputError {
  return new InvalidInputError(
    'sandbox_state_unreadable',
    `Cannot load the Stripe sandbox state from ${file}: ${why}. Move the file away (or delete it) to start with an empty sandbox.`,
    [],
    { path: file, cause },
  );
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
