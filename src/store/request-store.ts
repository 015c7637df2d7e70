/**
 * The `requests` table: catalog requests, each a submitted offering form and
 * the run it started. A request and its run are created in one transaction;
 * the request closes with its run (run-end/request-closes.ts).
 */
import type { Selectable } from 'kysely';
import { RequestStatus } from '../core/statuses.ts';
import { NotFoundError } from '../core/errors.ts';
import type { RequestsTable } from './database-schema.ts';
import type { AuditInput } from './audit-input.ts';
import type { DialectDatabase } from './dialect.ts';
import type { CreatedRuns, NewRun, StepCommit } from './records.ts';
import { fromJson, toJson } from './row-mappers.ts';
import { insertRunsWithFirstSteps } from './step-commit/first-steps.ts';
import { requestPageQuery, type RequestFilter } from './request-list-query.ts';

export interface RequestRecord {
  id: string;
  serviceId: string;
  offeringId: string;
  /** The workflow and version the request runs: pinned at submission, whatever happens to the offering later. */
  workflowId: string;
  version: number;
  /** The requester's email, lower case. */
  requester: string;
  status: RequestStatus;
  /** The run's outcome (its `end` step's name) once it ended. */
  outcome: string | null;
  /** The form values as checked and converted. */
  values: Record<string, unknown>;
  runId: string;
  createdAt: Date;
  updatedAt: Date;
  closedAt: Date | null;
}

export type NewRequest = Omit<RequestRecord, 'status' | 'outcome' | 'updatedAt' | 'closedAt'>;

export class RequestStore {
  readonly #database: DialectDatabase;

  constructor(database: DialectDatabase) {
    this.#database = database;
  }

  /**
   * Creates the request (open) and its run in ONE transaction: both exist, or neither. `firstSteps`
   * commit with them, as `Store.createRuns` does: a run that ends there closes its request in it.
   */
  async create(request: NewRequest, run: NewRun, options: { audit?: AuditInput; firstSteps?: readonly StepCommit[] } = {}): Promise<CreatedRuns> {
    if (run.requestId !== request.id || run.id !== request.runId) {
      throw new Error(`request ${request.id} and run ${run.id} do not point at each other; set run.requestId and request.runId`);
    }
    const now = request.createdAt.getTime();
    return this.#database.transaction(async (trx) => {
      await trx
        .insertInto('requests')
        .values({
          id: request.id,
          service_id: request.serviceId,
          offering_id: request.offeringId,
          workflow_id: request.workflowId,
          version: request.version,
          requester: request.requester,
          status: RequestStatus.open,
          outcome: null,
          form_values: toJson(request.values) ?? '{}',
          run_id: request.runId,
          created_at: now,
          updated_at: now,
          closed_at: null,
        })
        .execute();
      return insertRunsWithFirstSteps(trx, this.#database, { runs: [run], firstSteps: options.firstSteps ?? [], audit: options.audit });
    });
  }

  async get(id: string): Promise<RequestRecord | undefined> {
    const row = await this.#database.db.selectFrom('requests').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRequest(row);
  }

  /** @throws NotFoundError `request_not_found` */
  async require(id: string): Promise<RequestRecord> {
    const request = await this.get(id);
    if (!request) throw new NotFoundError('request_not_found', `no request "${id}"; list requests with GET /api/v1/requests or \`tollgate requests list\``, { path: 'request' });
    return request;
  }

  /** Newest first (by submission), one page at a time. */
  async list(filter: RequestFilter): Promise<{ requests: RequestRecord[]; nextCursor: string | null }> {
    const rows = await requestPageQuery(this.#database.db, { ...filter, limit: filter.limit + 1 }).execute();
    const requests = rows.slice(0, filter.limit).map(toRequest);
    return { requests, nextCursor: rows.length > filter.limit ? (requests.at(-1)?.id ?? null) : null };
  }
}

function toRequest(row: Selectable<RequestsTable>): RequestRecord {
  return {
    id: row.id,
    serviceId: row.service_id,
    offeringId: row.offering_id,
    workflowId: row.workflow_id,
    version: row.version,
    requester: row.requester,
    status: row.status,
    outcome: row.outcome,
    values: fromJson<Record<string, unknown>>(row.form_values) ?? {},
    runId: row.run_id,
    createdAt: new Date(row.created_at),
    updatedAt: new Date(row.updated_at),
    closedAt: row.closed_at === null ? null : new Date(row.closed_at),
  };
}
