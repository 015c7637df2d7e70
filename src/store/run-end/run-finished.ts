import type { Kysely } from 'kysely';
import type { Database } from '../database-schema.ts';
import type { DialectCapabilities } from '../dialect.ts';
import type { RunEnd } from '../records.ts';

/** A run ended: what the things that hang on a run (its request, approval tasks, parent run) react to. */
export interface RunFinished {
  runId: string;
  end: RunEnd;
  /** The catalog request the run serves, if any. */
  requestId: string | null;
  /** The run and its `workflow` step that started this run as a child, if any. */
  parent: { runId: string; stepPath: string } | null;
  /** False when the run never had an approval task (its row says so): nothing of it is pending. */
  hadApprovalTasks: boolean;
  at: Date;
}

/** Where a reaction runs: the transaction that ended the run. */
export interface RunEndContext {
  trx: Kysely<Database>;
  capabilities: Pick<DialectCapabilities, 'rowLocks'>;
}

/** Something that follows from a run's end, written in the same transaction. */
export type RunFinishedReaction = (context: RunEndContext, event: RunFinished) => Promise<void>;
