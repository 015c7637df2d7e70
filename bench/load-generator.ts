// The load generator, in its own process so it does not take the server's CPU
// budget inside the server's process: `CONCURRENCY` lanes, one keep-alive
// connection each through undici (about 0.07 ms CPU a request here, against
// 0.17 ms through node:http, CPU the server under test gets back), post signed
// payment_intent.succeeded webhooks to `URL` for `SECONDS`, each lane posting
// its next event as soon as the last one is acknowledged. A 503 or 429 is
// backpressure: the lane waits what Retry-After says (at most 1 s) and posts
// the same event again, as Stripe would (later). Prints one JSON line: the
// `LoadReport` below.
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';
import { Pool } from 'undici';
import { percentile } from './bench-support.ts';

/** What one load generator measured; `sent` only with KEEP_SENT=1. */
export interface LoadReport {
  acks: number;
  /** Answers 503/429 (backpressure) that were retried. */
  deferred: number;
  seconds: number;
  ackLatencyMs: { p50: number; p99: number; max: number };
  /** Run id, when its event was first posted and when its acknowledgement arrived (epoch ms, as the server's clock writes `runs.created_at`, with a fraction: P2 at c=1 is a few ms). */
  sent?: [string, number, number][];
}

const { URL: target = '', SECRET: secret = '', SECONDS = '30', CONCURRENCY = '64', PREFIX = 'evt', KEEP_SENT = '0' } = process.env;
const url = new URL(target);
const pool = new Pool(url.origin, { connections: Number(CONCURRENCY), pipelining: 1 });
const deadline = performance.now() + Number(SECONDS) * 1000;
const latencies: number[] = [];
const sent: [string, number, number][] = [];
let sequence = 0;
let deferred = 0;
const epochMs = () => performance.timeOrigin + performance.now();

async function post(body: string): Promise<{ status: number; body: string; retryAfter: string | undefined }> {
  const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
  const response = await pool.request({ path: url.pathname, method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
  const retryAfter = response.headers['retry-after'];
  return { status: response.statusCode, body: await response.body.text(), retryAfter: Array.isArray(retryAfter) ? retryAfter[0] : retryAfter };
}

function event(id: number): string {
  const created = Math.floor(Date.now() / 1000);
  const object = { id: `pi_${PREFIX}_${id}`, object: 'payment_intent', amount: 150_000, currency: 'usd', customer: 'cus_bench' };
  return JSON.stringify({ id: `${PREFIX}_${id}`, object: 'event', type: 'payment_intent.succeeded', created, livemode: false, data: { object } });
}

async function lane(): Promise<void> {
  while (performance.now() < deadline) {
    sequence += 1;
    const body = event(sequence);
    const firstPosted = epochMs();
    const begin = performance.now();
    for (;;) {
      const answer = await post(body);
      if (answer.status === 503 || answer.status === 429) {
        deferred += 1;
        await new Promise((resolve) => setTimeout(resolve, Math.min(1000, Number(answer.retryAfter ?? 1) * 1000)));
        continue;
      }
      const runs = answer.status === 200 ? (JSON.parse(answer.body) as { runs?: string[] }).runs : undefined;
      if (runs?.length !== 1 || runs[0] === undefined) throw new Error(`intake answered ${answer.status}: ${answer.body}`);
      latencies.push(performance.now() - begin);
      if (KEEP_SENT === '1') sent.push([runs[0], firstPosted, epochMs()]);
      break;
    }
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: Number(CONCURRENCY) }, lane));
const seconds = (performance.now() - started) / 1000;
await pool.close();
latencies.sort((a, b) => a - b);
const report: LoadReport = {
  acks: latencies.length,
  deferred,
  seconds,
  ackLatencyMs: { p50: percentile(latencies, 50), p99: percentile(latencies, 99), max: latencies.at(-1) ?? Number.NaN },
  ...(KEEP_SENT === '1' ? { sent } : {}),
};
console.log(JSON.stringify(report));
