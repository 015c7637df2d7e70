/**
 * Answers of the preview and backtest API (issue 10, contract section 2) for fraud-warning-refund
 * over four early fraud warnings: 9.00 and 12.00 USD refunded, 25.00 and 40.00 USD sent to the team.
 * The browser tests serve them with `page.route` to look at the pages' states.
 */

export const CHARGES = [
  { event: 'evt_mock_1', charge: 'ch_mock_1', amount: 900 },
  { event: 'evt_mock_2', charge: 'ch_mock_2', amount: 1200 },
  { event: 'evt_mock_3', charge: 'ch_mock_3', amount: 2500 },
  { event: 'evt_mock_4', charge: 'ch_mock_4', amount: 4000 },
] as const;

const REFUNDED = CHARGES.filter((charge) => charge.amount < 1500);
const EMAILED = CHARGES.filter((charge) => charge.amount >= 1500);
export const REFUND_TOTAL = REFUNDED.reduce((sum, charge) => sum + charge.amount, 0);

const refundEffect = (count: number, amount: number) => ({ operation: 'stripe.refunds.create', label: 'would refund', count, money: [{ currency: 'usd', amount }], unknown_amounts: 0 });
const emailEffect = (count: number) => ({ operation: 'email.send', label: 'would email', count, money: [], unknown_amounts: 0 });

export function backtest(status: 'running' | 'completed', done: number) {
  return {
    id: 'bt_mock',
    status,
    workflow: 'fraud-warning-refund',
    event_type: 'radar.early_fraud_warning.created',
    window: { since: '7d', until: null, last: null },
    progress: { done, total: CHARGES.length },
    created_at: '2026-12-02T05:00:00.000Z',
    finished_at: status === 'running' ? null : '2026-12-02T05:00:03.000Z',
    report:
      status === 'running'
        ? null
        : {
            events: CHARGES.length,
            runs: CHARGES.length,
            outcomes: [{ status: 'completed', outcome: null, count: CHARGES.length }],
            effects: [refundEffect(REFUNDED.length, REFUND_TOTAL), emailEffect(EMAILED.length)],
            summary: `would refund ${REFUNDED.length} charges, 21.00 USD; would email the team ${EMAILED.length} times`,
          },
    error: null,
  };
}

export function backtestRuns() {
  return {
    runs: CHARGES.map((charge, index) => ({
      event_id: charge.event,
      event_type: 'radar.early_fraud_warning.created',
      event_created: `2026-12-0${1 + (index % 2)}T0${index}:15:00.000Z`,
      status: 'completed',
      outcome: null,
      path: charge.amount < 1500 ? ['charge', 'below_dispute_fee', 'refund', 'done'] : ['charge', 'below_dispute_fee', 'investigate', 'done'],
      effects: charge.amount < 1500 ? [refundEffect(1, charge.amount)] : [emailEffect(1)],
      error: null,
    })),
    next_cursor: null,
  };
}

const chargeObject = (charge: (typeof CHARGES)[number]) => ({ id: charge.charge, object: 'charge', amount: charge.amount, amount_refunded: 0, currency: 'usd', customer: 'cus_mock', paid: true });

/** The preview of one event: a refund below 15 USD, an email to the team otherwise. */
export function previewOf(eventId: string | undefined, options: { sample?: boolean; liveReads?: boolean } = {}) {
  const charge = CHARGES.find((item) => item.event === eventId) ?? CHARGES[3];
  const object = { id: 'issfr_mock', object: 'radar.early_fraud_warning', charge: charge.charge, fraud_type: 'made_with_stolen_card' };
  const read = {
    path: 'charge',
    node: 'charge',
    step: 'charge',
    type: 'action',
    uses: 'stripe.charges.retrieve',
    status: 'succeeded',
    input: { id: charge.charge },
    output: chargeObject(charge),
    effect: options.liveReads === true ? 'live_read' : 'simulated',
    money: null,
    email: null,
    error: null,
  };
  const decision = { path: 'below_dispute_fee', node: 'below_dispute_fee', step: 'below_dispute_fee', type: 'decision', uses: null, status: 'succeeded', input: null, output: { next: charge.amount < 1500 ? 'refund' : 'investigate' }, effect: 'none', money: null, email: null, error: null };
  const act =
    charge.amount < 1500
      ? {
          path: 'refund',
          node: 'refund',
          step: 'refund',
          type: 'action',
          uses: 'stripe.refunds.create',
          status: 'succeeded',
          input: { charge: charge.charge, amount: charge.amount, reason: 'fraudulent', metadata: { early_fraud_warning: object.id } },
          output: { id: 're_simulated', object: 'refund', amount: charge.amount, charge: charge.charge, currency: 'usd', status: 'succeeded' },
          effect: 'simulated',
          money: { amount: charge.amount, currency: 'usd' },
          email: null,
          error: null,
        }
      : {
          path: 'investigate',
          node: 'investigate',
          step: 'investigate',
          type: 'action',
          uses: 'email.send',
          status: 'succeeded',
          input: { to: ['sam@example.com'], subject: `Early fraud warning on ${charge.charge}` },
          output: { message_id: 'msg_simulated', to: ['sam@example.com'], subject: `Early fraud warning on ${charge.charge}` },
          effect: 'simulated',
          money: null,
          email: {
            to: ['sam@example.com'],
            cc: [],
            subject: `Early fraud warning on ${charge.charge}`,
            text: `Investigate this charge before it becomes a dispute.\n\nCharge ID: ${charge.charge}\nAmount: ${(charge.amount / 100).toFixed(2)} USD`,
          },
          error: null,
        };
  const end = { path: 'done', node: 'done', step: 'done', type: 'end', uses: null, status: 'succeeded', input: null, output: null, effect: 'none', money: null, email: null, error: null };
  const steps = [read, decision, act, end];
  return {
    preview: {
      event: { id: options.sample === true ? null : charge.event, type: 'radar.early_fraud_warning.created', sample: options.sample === true, object },
      matched: true,
      run: {
        status: 'completed',
        outcome: null,
        error: null,
        path: steps.map((step) => step.node),
        steps,
        effects: charge.amount < 1500 ? [refundEffect(1, charge.amount)] : [emailEffect(1)],
      },
    },
  };
}

/** A preview whose trigger condition did not hold. */
export const UNMATCHED_PREVIEW = { preview: { event: { id: null, type: 'payment_intent.succeeded', sample: false, object: { amount: 500, currency: 'usd' } }, matched: false, run: null } };
