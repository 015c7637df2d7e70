import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

// The first run a newcomer makes: `tollgate start` with no configuration, then a Stripe event.
const data = tempDir();
let tollgate: RunningTollgate;
let sandboxUrl = '';

before(async () => {
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path]);
  sandboxUrl = /sandbox at (http:\/\/\S+)/.exec(tollgate.banner)?.[1] ?? '';
});
after(async () => {
  await tollgate.stop();
  data.remove();
});

test('start runs against the sandbox with the recipes loaded, and stripe trigger visibly produces a run and a mail', async () => {
  assert.match(tollgate.banner, /stripe\s+sandbox at http:\/\/127\.0\.0\.1:\d+ \(no STRIPE_SECRET_KEY set\)/);
  for (const recipe of ['personalize-orders', 'tag-valuable-customers', 'fraud-warning-refund']) assert.match(tollgate.banner, new RegExp(`${recipe} \\(active v1\\)`));
  const env = cleanEnv({ TOLLGATE_SERVER: tollgate.url });
  const fired = await runCli(['stripe', 'trigger', 'payment_intent.succeeded', '--amount', '150000', '--currency', 'usd', '--sandbox', sandboxUrl, '--json'], { env });
  assert.equal(fired.code, 0, fired.stderr);
  const intent = (JSON.parse(fired.stdout) as { data: { object: { id: string } } }).data.object.id;

  let runs: { workflow: string; status: string }[] = [];
  let mails: { subject: string }[] = [];
  for (let i = 0; i < 100; i += 1) {
    runs = (JSON.parse((await runCli(['runs', 'list', '--workflow', 'personalize-orders', '--json'], { env })).stdout) as { runs: typeof runs }).runs;
    mails = (JSON.parse((await runCli(['outbox', 'list', '--json'], { env })).stdout) as { messages?: typeof mails; items?: typeof mails }).messages ?? [];
    if (runs[0]?.status === 'succeeded' && mails.some((mail) => mail.subject.includes(intent))) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  assert.equal(runs[0]?.status, 'succeeded');
  assert.ok(mails.some((mail) => mail.subject === `Handwritten note for order ${intent}`), `a mail for ${intent} is in the outbox`);
  const shown = await runCli(['outbox', 'list'], { env });
  assert.match(shown.stdout, new RegExp(`Handwritten note for order ${intent}`));
});

test('stripe trigger with an unknown event type lists the supported ones', async () => {
  const result = await runCli(['stripe', 'trigger', 'payment_intent.exploded', '--sandbox', sandboxUrl], { env: cleanEnv() });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /payment_intent\.succeeded/);
});
