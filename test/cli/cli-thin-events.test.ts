/**
 * `tollgate stripe endpoints update --event-payload thin`: the endpoint `tollgate start` delivers to sends thin
 * events from then on, as a Stripe event destination with `event_payload: thin` does; Tollgate fetches the object
 * each names and starts the run as for a whole event. `snapshot` switches back.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { pollUntil } from '../support/poll-until.ts';
import { cleanEnv, launchTollgate, runCli, tempDir, type RunningTollgate } from './cli-process.ts';

const DEFINITIONS = `kind: Workflow
id: paid
trigger: { type: event, event: payment_intent.succeeded }
steps:
  - { id: done, type: end, outcome: Paid }
`;

interface ListedEvent {
  id: string;
  source: string;
  object: string | null;
  matches: { workflow: string; run: string | null; reason: string }[];
}

const data = tempDir();
const files = tempDir();
const env = cleanEnv({ TOLLGATE_AUTH: 'off' });
let tollgate: RunningTollgate;
let sandbox: string;
const cli = (...args: string[]) => runCli(args, { env });

before(async () => {
  writeFileSync(join(files.path, 'definitions.yaml'), DEFINITIONS);
  tollgate = await launchTollgate(['start', '--port', '0', '--data', data.path, '--no-examples', '-f', join(files.path, 'definitions.yaml')], { env });
  const url = /sandbox at (http:\/\/\S+)/.exec(tollgate.banner)?.[1];
  assert.ok(url, tollgate.banner);
  sandbox = url;
});

after(async () => {
  if (tollgate.child.exitCode === null) await tollgate.stop();
  data.remove();
  files.remove();
});

/** Fires payment_intent.succeeded and waits for Tollgate to hold it: how it came, and the run it started. */
async function fireAndReceive(): Promise<{ fired: { id: string; data: { object: { id: string } } }; received: ListedEvent }> {
  const triggered = await cli('stripe', 'trigger', 'payment_intent.succeeded', '--sandbox', sandbox, '--json');
  assert.equal(triggered.code, 0, triggered.stderr);
  const fired = JSON.parse(triggered.stdout) as { id: string; data: { object: { id: string } } };
  const events = await pollUntil(
    async () => (JSON.parse((await cli('events', 'list', '--json', '--limit', '200', '--server', tollgate.url)).stdout) as { events: ListedEvent[] }).events,
    (list) => list.some((event) => event.id === fired.id && event.matches.some((match) => match.run !== null)),
    { what: `event ${fired.id} received and its run started`, intervalMs: 200 },
  );
  const received = events.find((event) => event.id === fired.id);
  assert.ok(received);
  return { fired, received };
}

test('an endpoint switched to thin events delivers them, and the run starts as for a whole event; snapshot switches back', async () => {
  const status = await cli('stripe', 'status', '--sandbox', sandbox);
  assert.equal(status.code, 0, status.stderr);
  assert.match(status.stdout, /^ENDPOINT +URL +STATUS +PAYLOAD +SECRET$/m);
  assert.match(status.stdout, /^we_\w+ +http:\S+\/webhooks\/stripe\/stripe +enabled +snapshot +whsec_/m, status.stdout);

  // No id: the endpoint tollgate start delivers to.
  const switched = await cli('stripe', 'endpoints', 'update', '--event-payload', 'thin', '--sandbox', sandbox);
  assert.equal(switched.code, 0, switched.stderr);
  assert.match(switched.stdout, /^we_\w+ \(http:\S+\/webhooks\/stripe\/stripe\) now delivers thin events \(Tollgate fetches the object each names\)/);
  const statusJson = JSON.parse((await cli('stripe', 'status', '--sandbox', sandbox, '--json')).stdout) as { endpoints: { id: string; event_payload: string }[] };
  assert.deepEqual(statusJson.endpoints.map((endpoint) => endpoint.event_payload), ['thin']);

  const thin = await fireAndReceive();
  assert.equal(thin.received.source, 'webhook_thin', 'it came as a thin event');
  assert.equal(thin.received.object, thin.fired.data.object.id, 'the object Tollgate fetched is the one the event names');
  const [match] = thin.received.matches;
  assert.equal(match?.workflow, 'paid');
  assert.equal(match.reason, 'started');
  const runId = match.run ?? '';
  await pollUntil(
    async () => await cli('runs', 'show', runId, '--server', tollgate.url),
    (shown) => /^status +succeeded$/m.test(shown.stdout),
    { what: `run ${runId} succeeded`, intervalMs: 200 },
  );

  const endpointId = statusJson.endpoints[0]?.id ?? '';
  const back = await cli('stripe', 'endpoints', 'update', endpointId, '--event-payload', 'snapshot', '--sandbox', sandbox, '--json');
  assert.equal(back.code, 0, back.stderr);
  assert.equal((JSON.parse(back.stdout) as { id: string; event_payload: string }).event_payload, 'snapshot');
  const whole = await fireAndReceive();
  assert.equal(whole.received.source, 'webhook', 'a whole event again');
});

test('endpoints update refuses a payload it does not know, and an endpoint the sandbox does not have', async () => {
  const unknownPayload = await cli('stripe', 'endpoints', 'update', '--event-payload', 'fat', '--sandbox', sandbox);
  assert.notEqual(unknownPayload.code, 0);
  assert.match(unknownPayload.stderr, /--event-payload.*'fat' is invalid\. Allowed choices are snapshot, thin/s);
  const missingPayload = await cli('stripe', 'endpoints', 'update', '--sandbox', sandbox);
  assert.notEqual(missingPayload.code, 0);
  assert.match(missingPayload.stderr, /--event-payload <payload>' not specified/);
  const unknownEndpoint = await cli('stripe', 'endpoints', 'update', 'we_nope', '--event-payload', 'thin', '--sandbox', sandbox);
  assert.equal(unknownEndpoint.code, 1, unknownEndpoint.stderr);
  assert.match(unknownEndpoint.stderr, /we_nope/);
});
