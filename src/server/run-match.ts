import type { z } from 'zod';
import type { RunMatch } from '../store/records.ts';
import type { runListQuery } from './request-schemas.ts';

/** The runs list's filter fields as parsed from a request (GET /runs query, bulk body `filter`). */
export type RunFilterFields = Omit<z.output<typeof runListQuery>, 'limit' | 'cursor'>;

/** Which runs the fields match, limited to those `reader` may read (run-access.ts) when given. */
export function runMatchOf(fields: RunFilterFields, reader: string | undefined): RunMatch {
  return {
    ...(reader === undefined ? {} : { visibleTo: reader }),
    ...(fields.workflow === undefined ? {} : { workflowId: fields.workflow }),
    ...(fields.status === undefined ? {} : { status: fields.status }),
    ...(fields.created_after === undefined ? {} : { createdAfter: fields.created_after }),
    ...(fields.created_before === undefined ? {} : { createdBefore: fields.created_before }),
    ...(fields.finished_after === undefined ? {} : { finishedAfter: fields.finished_after }),
    ...(fields.event === undefined ? {} : { eventId: fields.event }),
    ...(fields.object === undefined ? {} : { about: fields.object }),
    ...(fields.request === undefined ? {} : { requestId: fields.request }),
  };
}
