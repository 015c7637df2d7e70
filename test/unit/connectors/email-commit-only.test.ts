// email.send writes nothing but a row in its step's commit when it goes to the
// outbox, so its step may run before the run is written (run-handoff.ts); with
// an SMTP server to send through, it calls out and may not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createEmailOperation, type TeamDirectory } from '../../../src/connectors/email/index.ts';
import type { MailLog } from '../../../src/connectors/email/mail-log.ts';

const teams: TeamDirectory = { membersOf: () => Promise.resolve(undefined) };
const mailLog = {} as MailLog;

test('email.send writes only in its commit to the outbox, not through SMTP', () => {
  const operation = createEmailOperation({ mailLog, teams });
  const writesOnlyInCommit = operation.writesOnlyInCommit?.bind(operation);
  assert.ok(writesOnlyInCommit, 'email.send says what it writes');
  assert.equal(writesOnlyInCommit(undefined), true, 'no smtp connector: the outbox');
  assert.equal(writesOnlyInCommit({ id: 'mail', type: 'smtp', config: { transport: 'outbox' } }), true, 'a connector set to the outbox');
  assert.equal(writesOnlyInCommit({ id: 'mail', type: 'smtp', config: { host: '127.0.0.1', port: 2525, from: 'ops@example.com' } }), false, 'an SMTP server');
});
