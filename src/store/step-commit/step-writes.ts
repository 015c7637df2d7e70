import { outboxRow } from '../outbox-store.ts';
import type { StepWrite } from '../step-write.ts';
import type { CommitContext } from './commit-context.ts';
import { holdOutboxRow } from './held-rows.ts';

/** Holds the rows a step's operations asked for, written with its batch's commit. */
export function applyStepWrites({ trx }: CommitContext, writes: readonly StepWrite[]): void {
  for (const write of writes) {
    switch (write.kind) {
      case 'outbox_message':
        // Written with the batch's other messages (held-rows.ts). A re-run of a step whose first attempt wrote
        // the row before it committed this way finds it there, and keeps it.
        holdOutboxRow(trx, outboxRow(write.message));
        break;
      default: {
        const unknown: never = write.kind;
        throw new Error(`unknown step write ${JSON.stringify(unknown)}`);
      }
    }
  }
}
