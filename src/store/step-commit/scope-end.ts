import { AttemptStatus } from '../../core/statuses.ts';
import { endScope } from '../scope-queries.ts';
import type { Destination } from '../records.ts';
import { toJson } from '../row-mappers.ts';
import { latestVisit, wakeStep } from '../work-queue-queries.ts';
import type { CommitContext } from './commit-context.ts';
import { insertAttemptRow } from './journal-row.ts';

/** The journal row that records the end of a branch or iteration, at the scope's path. */
export const SCOPE_END_STEP_TYPE = 'scope_end';

export type ScopeEnd = Extract<Destination, { kind: 'scope_end' }>;

/** A branch or iteration ended: count it on its container, record it in the journal, and wake the step that owns it. */
export async function reachScopeEnd({ trx }: CommitContext, runId: string, end: ScopeEnd, now: number): Promise<void> {
  const visit = await latestVisit(trx, runId, end.ownerPath);
  await endScope(trx, runId, end);
  await insertAttemptRow(trx, runId, {
    step_path: end.scope,
    visit,
    attempt: 1,
    step_id: end.scope,
    step_type: SCOPE_END_STEP_TYPE,
    status: AttemptStatus.succeeded,
    input: null,
    output: toJson(end.output),
    error: null,
    started_at: now,
    finished_at: now,
  });
  await wakeStep(trx, { runId, stepPath: end.ownerPath, visit, resume: { scopeEnded: end.scope }, now });
}
