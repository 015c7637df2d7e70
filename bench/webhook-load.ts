// A load generator in its own process, so it does not take the server's CPU:
// posts `count` signed payment_intent.succeeded webhooks, `concurrency` at a
// time, and prints one JSON line: ack latencies and when each run was sent.
// A delivery refused with 503 (the intake's backpressure) is sent again after
// its Retry-After, as Stripe would; its latency and send time are the first try's.
import { performance } from 'node:perf_hooks';
import Stripe from 'stripe';
import { runConcurrently } from './bench-support.ts';

const { URL: url = '', SECRET: secret = '', COUNT = '0', CONCURRENCY = '1', PREFIX = 'evt' } = process.env;
const now = () => performance.timeOrigin + performance.now();
const sent: [string, number][] = [];
let sequence = 0;
let refused = 0;
const result = await runConcurrently(Number(COUNT), Number(CONCURRENCY), async () => {
  sequence += 1;
  const body = JSON.stringify({
    id: `${PREFIX}_${sequence}`,
    object: 'event',
    type: 'payment_intent.succeeded',
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    data: { object: { id: `pi_${PREFIX}_${sequence}`, object: 'payment_intent', amount: 150_000, currency: 'usd', customer: 'cus_bench' } },
  });
  const begin = now();
  let response: Response;
  for (;;) {
    const signature = Stripe.webhooks.generateTestHeaderString({ payload: body, secret });
    response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
    if (response.status !== 503) break;
    refused += 1;
    await response.arrayBuffer();
    await new Promise((resolve) => setTimeout(resolve, Number(response.headers.get('retry-after') ?? 1) * 1000));
  }
  const answer = (await response.json()) as { runs?: string[] };
  if (response.status !== 200 || answer.runs?.length !== 1) throw new Error(`intake answered ${response.status}: ${JSON.stringify(answer)}`);
  sent.push([answer.runs[0] ?? '', begin]);
});
console.log(JSON.stringify({ latencies: result.latencies, sent, refused }));
