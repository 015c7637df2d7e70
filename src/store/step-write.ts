/**
 * A row an operation asks to be written in its step's own commit, beside the
 * journal row (step-commit/step-writes.ts): it exists exactly when the step's
 * result does, in one transaction, with no commit of its own.
 */
import type { NewOutboxMessage } from './outbox-store.ts';

export type StepWrite =
  /** A message `email.send` put in the built-in outbox (kept once per Message-ID). */
  { kind: 'outbox_message'; message: NewOutboxMessage & { id: string } };
