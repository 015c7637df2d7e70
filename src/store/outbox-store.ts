/**
 * The `outbox` table: every email `email.send` recorded, one row per
 * Message-ID. It is the built-in mailer's outbox (listed by the API, the CLI
 * and the web app) and the delivery log of SMTP messages. Implements the
 * email connector's MailLog (structurally: the store does not import connectors).
 */
import type { Generated, Kysely, Selectable } from 'kysely';
import { newId } from '../core/ids.ts';
import type { Database } from './database-schema.ts';
import { preparedInsert } from './prepared-insert.ts';
import { preparedQuery } from './prepared-query.ts';
import type { DialectDatabase } from './dialect.ts';
import { OutboxStatus, type OutboxTransport } from '../core/statuses.ts';

export { OutboxStatus, type OutboxTransport } from '../core/statuses.ts';

export interface OutboxTable {
  id: string;
  message_id: string;
  run_id: string | null;
  step_path: string | null;
  transport: OutboxTransport;
  status: OutboxStatus;
  from_address: string;
  /** JSON list of address strings. */
  to_addresses: string;
  cc_addresses: string;
  reply_to: string | null;
  subject: string;
  text_body: string;
  html_body: string;
  error: string | null;
  created_at: number;
  sent_at: number | null;
}

/** The columns of a message tried again later (migration 0024): their defaults on insert, then set by `retryLater`. */
interface OutboxRetryColumns {
  /** Failed tries so far. */
  attempts: Generated<number>;
  /** When the next try is due; null when none is planned. */
  next_attempt_at: Generated<number | null>;
}

type OutboxDatabase = Database & { outbox: OutboxTable & OutboxRetryColumns };

/** The content of a message as stored. */
export interface OutboxContent {
  from: string;
  to: string[];
  cc: string[];
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
}

export interface OutboxRecord extends OutboxContent {
  id: string;
  messageId: string;
  runId: string | null;
  stepPath: string | null;
  transport: OutboxTransport;
  status: OutboxStatus;
  error: string | null;
  createdAt: Date;
  sentAt: Date | null;
  /** Failed tries so far of a message tried again later. */
  attempts: number;
  /** When it is tried next; null when no try is planned. */
  nextAttemptAt: Date | null;
}

export interface NewOutboxMessage extends OutboxContent {
  messageId: string;
  runId: string | null;
  stepPath: string | null;
  transport: OutboxTransport;
  status: OutboxStatus;
  now: Date;
}

export interface OutboxPage {
  items: OutboxRecord[];
  /** Pass as `cursor` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

export class OutboxStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  get #db(): Kysely<OutboxDatabase> {
    return this.#database.db.withTables<{ outbox: OutboxTable & OutboxRetryColumns }>();
  }

  /** Inserts the message unless its Message-ID is already recorded; returns the stored row either way. */
  async recordOnce(message: NewOutboxMessage): Promise<{ id: string; status: OutboxStatus; created: boolean; message: OutboxRecord }> {
    const id = newId('mail', message.now);
    const inserted = await insertOutboxMessage(this.#database.db, { ...message, id });
    // A new row is as written: read it back only when another attempt wrote it first.
    const record = inserted ? outboxRecordOf({ ...message, id }) : toRecord(await this.#db.selectFrom('outbox').selectAll().where('message_id', '=', message.messageId).executeTakeFirstOrThrow());
    return { id: record.id, status: record.status, created: inserted, message: record };
  }

  /** Marks the message delivered (idempotent: a second call keeps the first time). */
  async markSent(messageId: string, now: Date): Promise<void> {
    await this.#db
      .updateTable('outbox')
      .set({ status: OutboxStatus.sent, sent_at: now.getTime(), error: null, next_attempt_at: null })
      .where('message_id', '=', messageId)
      .where('status', '!=', OutboxStatus.sent)
      .execute();
  }

  /** Marks a message the transport refused for good; a sent message stays sent. */
  async markFailed(messageId: string, error: string): Promise<void> {
    await this.#db.updateTable('outbox').set({ status: OutboxStatus.failed, error, next_attempt_at: null }).where('message_id', '=', messageId).where('status', '!=', OutboxStatus.sent).execute();
  }

  /** Counts a failed try of a message still being sent and plans the next at `at`; a message sent or failed meanwhile is left as it is. */
  async retryLater(messageId: string, at: Date, error: string): Promise<void> {
    await this.#db
      .updateTable('outbox')
      .set((eb) => ({ attempts: eb('attempts', '+', 1), next_attempt_at: at.getTime(), error }))
      .where('message_id', '=', messageId)
      .where('status', '=', OutboxStatus.sending)
      .execute();
  }

  /** SMTP messages not delivered yet with a later try planned: what a mail server outage holds back. */
  async countAwaitingRetry(): Promise<number> {
    const row = await this.#db
      .selectFrom('outbox')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('next_attempt_at', 'is not', null)
      .where('status', '=', OutboxStatus.sending)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /**
   * Takes up to `limit` messages whose next try is due at `now`, each for one
   * process only: its next try moves to `leaseUntil` in a conditional update, so
   * a process that dies while sending leaves it to be tried again then.
   */
  async claimDueRetries(now: Date, leaseUntil: Date, limit: number): Promise<OutboxRecord[]> {
    const due = await this.#db
      .selectFrom('outbox')
      .selectAll()
      .where('next_attempt_at', 'is not', null)
      .where('next_attempt_at', '<=', now.getTime())
      .where('status', '=', OutboxStatus.sending)
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
    const claimed: OutboxRecord[] = [];
    for (const row of due) {
      const taken = await this.#db
        .updateTable('outbox')
        .set({ next_attempt_at: leaseUntil.getTime() })
        .where('id', '=', row.id)
        .where('next_attempt_at', '=', row.next_attempt_at)
        .where('status', '=', OutboxStatus.sending)
        .executeTakeFirst();
      if (Number(taken.numUpdatedRows) === 1) claimed.push(toRecord({ ...row, next_attempt_at: leaseUntil.getTime() }));
    }
    return claimed;
  }

  /** Newest first, `limit` per page (1..500, default 50), optionally one run's messages, or those of one status. */
  async list(options: { limit?: number; cursor?: string | null; runId?: string; status?: OutboxStatus } = {}): Promise<OutboxPage> {
    const limit = Math.min(Math.max(Math.trunc(options.limit ?? 50), 1), 500);
    let query = this.#db.selectFrom('outbox').selectAll().orderBy('id', 'desc').limit(limit + 1);
    if (options.cursor) query = query.where('id', '<', options.cursor);
    if (options.runId !== undefined) query = query.where('run_id', '=', options.runId);
    if (options.status !== undefined) query = query.where('status', '=', options.status);
    const rows = await query.execute();
    const items = rows.slice(0, limit).map(toRecord);
    return { items, nextCursor: rows.length > limit ? (items.at(-1)?.id ?? null) : null };
  }

  async get(id: string): Promise<OutboxRecord | undefined> {
    const row = await this.#db.selectFrom('outbox').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }

  /** The messages the step at `stepPath` of a run recorded (the emails about its approval tasks are among them), oldest first. */
  async listOfStep(runId: string, stepPath: string): Promise<OutboxRecord[]> {
    const rows = await this.#db.selectFrom('outbox').selectAll().where('run_id', '=', runId).where('step_path', '=', stepPath).orderBy('id').execute();
    return rows.map(toRecord);
  }

  async getByMessageId(messageId: string): Promise<OutboxRecord | undefined> {
    const row = await this.#db.selectFrom('outbox').selectAll().where('message_id', '=', messageId).executeTakeFirst();
    return row === undefined ? undefined : toRecord(row);
  }
}

/**
 * Writes a message's row unless its Message-ID is already recorded, in `db`
 * (the store's, or a step commit's transaction). Returns whether it wrote one.
 */
export async function insertOutboxMessage(db: Kysely<Database>, message: NewOutboxMessage & { id: string }): Promise<boolean> {
  const { error: _error, ...row } = outboxRow(message);
  const result = await insertOutboxRow.execute(db, row);
  return Number(result.numAffectedRows ?? 0n) > 0;
}

/** The row `insertOutboxMessage` writes for a message. */
export function outboxRow(message: NewOutboxMessage & { id: string }): OutboxTable {
  const now = message.now.getTime();
  return {
    id: message.id,
    message_id: message.messageId,
    run_id: message.runId,
    step_path: message.stepPath,
    transport: message.transport,
    status: message.status,
    from_address: message.from,
    to_addresses: JSON.stringify(message.to),
    cc_addresses: JSON.stringify(message.cc),
    reply_to: message.replyTo,
    subject: message.subject,
    text_body: message.text,
    html_body: message.html,
    error: null,
    created_at: now,
    sent_at: message.status === OutboxStatus.sent ? now : null,
  };
}

/** Messages' rows, many in one statement per `ROWS_PER_STATEMENT` (prepared-insert.ts); a Message-ID already recorded keeps its row. */
export const outboxRowsInsert = preparedInsert<OutboxTable>((db, rows) =>
  db
    .withTables<{ outbox: OutboxTable }>()
    .insertInto('outbox')
    .values(rows)
    .onConflict((oc) => oc.column('message_id').doNothing()),
);

/** Every step that sends mail writes one: compiled once (prepared-query.ts). */
const insertOutboxRow = preparedQuery<keyof Omit<OutboxTable, 'error'>, never>((db, param) =>
  db
    .withTables<{ outbox: OutboxTable }>()
    .insertInto('outbox')
    .values({
      id: param('id'),
      message_id: param('message_id'),
      run_id: param('run_id'),
      step_path: param('step_path'),
      transport: param('transport'),
      status: param('status'),
      from_address: param('from_address'),
      to_addresses: param('to_addresses'),
      cc_addresses: param('cc_addresses'),
      reply_to: param('reply_to'),
      subject: param('subject'),
      text_body: param('text_body'),
      html_body: param('html_body'),
      error: null,
      created_at: param('created_at'),
      sent_at: param('sent_at'),
    })
    .onConflict((oc) => oc.column('message_id').doNothing()),
);

/** The record of a message as `insertOutboxMessage` writes it. */
function outboxRecordOf(message: NewOutboxMessage & { id: string }): OutboxRecord {
  return {
    id: message.id,
    messageId: message.messageId,
    runId: message.runId,
    stepPath: message.stepPath,
    transport: message.transport,
    status: message.status,
    from: message.from,
    to: [...message.to],
    cc: [...message.cc],
    replyTo: message.replyTo,
    subject: message.subject,
    text: message.text,
    html: message.html,
    error: null,
    createdAt: message.now,
    sentAt: message.status === OutboxStatus.sent ? message.now : null,
    attempts: 0,
    nextAttemptAt: null,
  };
}

function toRecord(row: Selectable<OutboxTable & OutboxRetryColumns>): OutboxRecord {
  return {
    id: row.id,
    messageId: row.message_id,
    runId: row.run_id,
    stepPath: row.step_path,
    transport: row.transport,
    status: row.status,
    from: row.from_address,
    to: JSON.parse(row.to_addresses) as string[],
    cc: JSON.parse(row.cc_addresses) as string[],
    replyTo: row.reply_to,
    subject: row.subject,
    text: row.text_body,
    html: row.html_body,
    error: row.error,
    createdAt: new Date(row.created_at),
    sentAt: row.sent_at === null ? null : new Date(row.sent_at),
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at === null ? null : new Date(Number(row.next_attempt_at)),
  };
}
