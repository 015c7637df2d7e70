// A test system whose smtp connector `mail` sends to a real SMTP receiver, for
// a describe block: its hooks start both, reset the receiver before each test
// and close both after.
import { after, before, beforeEach } from 'node:test';
import type { Clock } from '../../src/core/clock.ts';
import { smtpConnectorYaml, startSmtpReceiver, type SmtpReceiver } from './smtp-receiver.ts';
import { createTestSystem, type TestSystem } from './test-system.ts';

export interface SmtpTestSystem {
  readonly receiver: SmtpReceiver;
  readonly t: TestSystem;
}

/** Registers the hooks; `definitions` are applied after the connector. Read the fields inside tests. */
export function smtpTestSystem(options: { definitions: string; clock?: Clock }): SmtpTestSystem {
  let receiver: SmtpReceiver | undefined;
  let t: TestSystem | undefined;
  before(async () => {
    receiver = await startSmtpReceiver();
    t = await createTestSystem(options.clock === undefined ? {} : { clock: options.clock });
    await t.apply(`${smtpConnectorYaml(receiver.port)}\n---\n${options.definitions}`);
  });
  beforeEach(() => receiver?.reset());
  after(async () => {
    await t?.close();
    await receiver?.close();
  });
  return {
    get receiver() {
      if (receiver === undefined) throw new Error('the SMTP receiver starts in before()');
      return receiver;
    },
    get t() {
      if (t === undefined) throw new Error('the test system starts in before()');
      return t;
    },
  };
}
