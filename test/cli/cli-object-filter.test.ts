/**
 * `events list --object` and `runs list --object`: the events about a charge,
 * or about a customer and its charges, and the runs they started, found from
 * the CLI against a running `tollgate start`; the table says what each event
 * is about; a malformed id is a usage error naming the flag.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pollUntil } from '../support/poll-until.ts';
import { cleanEnv, deadServerUrl, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const DEFINITIONS = `kind: Workflow
id: charge-seen
trigger: { type: event, event: charge.succeeded }
steps:
  - { id: done, type: end, outcome: Seen }
`;

/** Two charges of cus_alpha (one paid, then refunded), a change to cus_alpha itself, and a charge of cus_beta, then disputed. */
const EVENTS = [
  { id: 'evt_alpha1_paid', type: 'charge.succeeded', data: { object: { id: 'ch_alpha1', object: 'charge', amount: 1000, currency: 'usd', customer: 'cus_alpha' } } },
  { id: 'evt_alpha2_paid', type: 'charge.succeeded', data: { object: { id: 'ch_alpha2', object: 'charge', amount: 2000, currency: 'usd', customer: 'cus_alpha' } } },
  { id: 'evt_beta1_paid', type: 'charge.succeeded', data: { object: { id: 'ch_beta1', object: 'charge', amount: 3000, currency: 'usd', customer: 'cus_beta' } } },
  { id: 'evt_alpha1_refunded', type: 'charge.refunded', data: { object: { id: 'ch_alpha1', object: 'charge', amount: 1000, currency: 'usd', refunded: true, customer: 'cus_alpha' } } },
  { id: 'evt_alpha_updated', type: 'customer.updated', data: { object: { id: 'cus_alpha', object: 'customer', email: 'alpha@example.com' } } },
  { id: 'evt_beta1_disputed', type: 'charge.dispute.created', data: { object: { id: 'dp_beta1', object: 'dispute', amount: 3000, currency: 'usd', charge: 'ch_beta1', payment_intent: 'pi_beta1' } } },
];

interface EventRow {
  id: string;
  object: string | null;
  customer: string | null;
  matches: { workflow: string; run: string | null }[];
}

const data = tempDir();
const files = tempDir();
const env = cleanEnv({ TOLLGATE_AUTH: 'off' });
let tollgate: RunningTollgate;
/** The run each charge.succeeded event started, by event id. */
let runOf: Record<string, string> = {};

const cli = (...args: string[]) => runCli([...args, '--server', tollgate.url], { env });
async function listed<T>(...args: string[]): Promise<T> {
  const result = await cli(...args, '--json');
  assert.equal(result.code, 0, `tollgate ${args.join(' ')}: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}
const eventIds = async (...args: string[]) => (await listed<{ events: EventRow[] }>('events', 'list', ...args)).events.map((event) => event.id).sort();
const runIds = async (...args: string[]) => (await listed<{ runs: { id: string }[] }>('runs', 'list', ...args)).runs.map((run) => run.id).sort();

before(async () => {
  writeFileSync(join(files.path, 'definitions.yaml'), DEFINITIONS);
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples', '-f', join(files.path, 'definitions.yaml')], { env });
  const sandbox = /sandbox at (http:\/\/\S+)/.exec(tollgate.banner)?.[1];
  assert.ok(sandbox, tollgate.banner);
  for (const event of EVENTS) {
    const sent = await fetch(`${sandbox}/_sandbox/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ event }) });
    assert.equal(sent.status, 200, await sent.text());
  }
  const stored = await pollUntil(
    async () => (await listed<{ events: EventRow[] }>('events', 'list')).events,
    (events) => events.length === EVENTS.length && events.filter((event) => event.matches[0]?.run != null).length === 3,
    { what: 'the six events stored, each charge.succeeded with its run', intervalMs: 200 },
  );
  runOf = Object.fromEntries(stored.flatMap((event) => (event.matches[0]?.run == null ? [] : [[event.id, event.matches[0].run]])));
});

after(async () => {
  if (tollgate.child.exitCode === null) await tollgate.stop();
  data.remove();
  files.remove();
});

void test('events list --object: a charge finds its own events; a customer finds its own and those about its charges', async () => {
  const [charge, customer, other, nobody] = await Promise.all([
    eventIds('--object', 'ch_alpha1'),
    eventIds('--object', 'cus_alpha'),
    eventIds('--object', 'cus_beta'),
    eventIds('--object', 'cus_nobody'),
  ]);
  assert.deepEqual(charge, ['evt_alpha1_paid', 'evt_alpha1_refunded']);
  assert.deepEqual(customer, ['evt_alpha1_paid', 'evt_alpha1_refunded', 'evt_alpha2_paid', 'evt_alpha_updated']);
  assert.deepEqual(other, ['evt_beta1_paid']);
  assert.deepEqual(nobody, []);

  const { events } = await listed<{ events: EventRow[] }>('events', 'list', '--object', 'cus_alpha', '--type', 'customer.updated');
  assert.deepEqual(
    events.map(({ id, object, customer: owner }) => ({ id, object, customer: owner })),
    [{ id: 'evt_alpha_updated', object: 'cus_alpha', customer: null }],
    'JSON carries object and customer; --type and --object combine',
  );
});

void test('events list shows what each event is about; the next-page hint keeps --object; events show names it too', async () => {
  const table = await cli('events', 'list', '--object', 'cus_alpha', '--limit', '3');
  assert.equal(table.code, 0, table.stderr);
  const lines = table.stdout.trimEnd().split('\n');
  assert.match(lines[0] ?? '', /^ID +TYPE +ABOUT +RECEIVED +STARTED$/);
  assert.equal(lines.length, 5, table.stdout);
  const more = /^more: tollgate events list --object cus_alpha --limit 3 --cursor '([^']+)'$/m.exec(table.stdout);
  assert.ok(more, table.stdout);

  const rest = await cli('events', 'list', '--object', 'cus_alpha', '--limit', '3', '--cursor', more[1] ?? '');
  assert.equal(rest.code, 0, rest.stderr);
  assert.doesNotMatch(rest.stdout, /^more:/m, 'four events: the second page is the last');
  const text = `${table.stdout}${rest.stdout}`;
  assert.match(text, new RegExp(`^evt_alpha1_paid +charge\\.succeeded +ch_alpha1 \\(cus_alpha\\) +\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ +charge-seen: ${runOf.evt_alpha1_paid}$`, 'm'), text);
  assert.match(text, /^evt_alpha1_refunded +charge\.refunded +ch_alpha1 \(cus_alpha\) +\d{4}-.* +-$/m, text);
  assert.match(text, /^evt_alpha2_paid +charge\.succeeded +ch_alpha2 \(cus_alpha\) +\d{4}-/m, text);
  assert.match(text, /^evt_alpha_updated +customer\.updated +cus_alpha +\d{4}-/m, 'a customer event is about the customer alone');
  assert.doesNotMatch(text, /beta/);

  const [none, shown, disputed, byCharge] = await Promise.all([
    cli('events', 'list', '--object', 'cus_nobody'),
    cli('events', 'show', 'evt_beta1_paid'),
    cli('events', 'show', 'evt_beta1_disputed'),
    cli('events', 'list', '--object', 'ch_beta1'),
  ]);
  assert.equal(none.stdout, 'no events received about cus_nobody\n');
  assert.match(shown.stdout, /^about +ch_beta1 \(cus_beta\)$/m, shown.stdout);
  assert.match(disputed.stdout, /^about +dp_beta1 \(pi_beta1, ch_beta1\)$/m, 'a dispute names the payment and the charge it is about');
  assert.match(byCharge.stdout, /^evt_beta1_disputed +charge\.dispute\.created +dp_beta1 \(pi_beta1, ch_beta1\) +\d{4}-.* +-$/m, byCharge.stdout);
  assert.match(byCharge.stdout, /^evt_beta1_paid +charge\.succeeded +ch_beta1 \(cus_beta\) +\d{4}-/m, 'a charge finds its dispute beside its own event');
});

void test('runs list --object: the runs started by events about a customer, or about one charge', async () => {
  assert.deepEqual(Object.keys(runOf).sort(), ['evt_alpha1_paid', 'evt_alpha2_paid', 'evt_beta1_paid']);
  const [customer, charge, other, nobody] = await Promise.all([
    runIds('--object', 'cus_alpha'),
    runIds('--object', 'ch_alpha1'),
    runIds('--object', 'cus_beta', '--workflow', 'charge-seen'),
    cli('runs', 'list', '--object', 'cus_nobody'),
  ]);
  assert.deepEqual(customer, [runOf.evt_alpha1_paid, runOf.evt_alpha2_paid].sort());
  assert.deepEqual(charge, [runOf.evt_alpha1_paid]);
  assert.deepEqual(other, [runOf.evt_beta1_paid]);
  assert.equal(nobody.stdout, 'no runs about cus_nobody: none started by an event about it, none moved money on it\n');

  const paged = await cli('runs', 'list', '--object', 'cus_alpha', '--limit', '1');
  assert.equal(paged.code, 0, paged.stderr);
  assert.match(paged.stdout, /^more: tollgate runs list --object cus_alpha --limit 1 --cursor run_\S+$/m, paged.stdout);
});

void test('a malformed --object is a usage error naming the flag, before any request', async () => {
  // Nothing listens there: an error about reaching the server would mean the id went out unchecked.
  const nowhere = await deadServerUrl();
  const [events, runs] = await Promise.all([
    runCli(['events', 'list', '--object', 'ch 1', '--server', nowhere], { env }),
    runCli(['runs', 'list', '--object', 'cus-alpha', '--server', nowhere], { env }),
  ]);
  for (const [result, id] of [[events, 'ch 1'], [runs, 'cus-alpha']] as const) {
    assert.equal(result.code, 2, result.stderr);
    assert.equal(result.stdout, '');
    assert.ok(
      result.stderr.startsWith(`error: option '--object <id>' argument '${id}' is invalid. give a Stripe object id such as pi_3Nx..., ch_..., in_... or cus_... (letters, digits and "_").\n`),
      result.stderr,
    );
  }
});
