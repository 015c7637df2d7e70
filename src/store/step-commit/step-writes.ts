import { insertOutboxMessage, outboxRow } from '../outbox-store.ts';
import type { StepWrite } from '../step-write.ts';
import type { CommitContext } from './commit-context.ts';
import { holdOutboxRow } from './held-rows.ts';

/** Applies the rows a step's operations asked for, in the step's commit. */
export async function applyStepWrites({ trx }: CommitContext, writes: readonly StepWrite[]): Promise<void> {
  for (const write of writes) {
    switch (write.kind) {
      case 'outbox_message':
        // A re-run of a step whose first attempt wrote the row before it committed this way finds it there.
        // Held and written with the batch's other messages (held-rows.ts).
        if (!holdOutboxRow(trx, outboxRow(write.message))) await insertOutboxMessage(trx, write.message);
        break;
      default: {
        const unknown: never = write.kind;
        throw new Error(`unknown step write ${JSON.stringify(unknown)}`);
      }
    }
  }
}
