import { useMutation, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useRef, useState, type FormEvent } from 'react';
import { formatAmount, toMinor } from '../../../../src/expression/money.ts';
import { api, newIdempotencyKey } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { SendTestEventRequest, SentTestEvent } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { formErrors } from '../../ui/form-errors.ts';
import { TextField } from '../../ui/form-fields.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { sandboxQuery } from './event-queries.ts';
import { EventsTabs } from './events-tabs.tsx';
import { EventTypeOptions } from './event-type-options.tsx';

const CURRENCIES = ['usd', 'eur', 'gbp', 'cad', 'aud', 'chf', 'sek', 'jpy'];

const FIELDS = ['type', 'amount', 'currency', 'customer'] as const;
type Field = (typeof FIELDS)[number];

/** In sandbox mode: send a test Stripe event of any supported type through the built-in sandbox. */
export function SendTestEventPage() {
  const me = useMe();
  const sandbox = useQuery(sandboxQuery);
  return (
    <>
      <PageHeader title="Events & messages" subtitle="Send a test event through the built-in Stripe sandbox; it reaches Tollgate like a real delivery." />
      <EventsTabs />
      {sandbox.isPending ? (
        <Loading label="Checking the sandbox…" />
      ) : sandbox.isError ? (
        <ErrorState error={sandbox.error} retry={() => void sandbox.refetch()} />
      ) : !sandbox.data.sandbox.running ? (
        <Empty title="The Stripe sandbox is off">
          Tollgate talks to real Stripe here (STRIPE_SECRET_KEY is set). Send test events with the Stripe CLI, e.g. <code>stripe trigger payment_intent.succeeded</code>.
        </Empty>
      ) : !can(me, 'events.send') ? (
        <Empty title="You cannot send test events">Sending events needs an editor or admin role.</Empty>
      ) : (
        <SendForm eventTypes={sandbox.data.sandbox.event_types} />
      )}
    </>
  );
}

function SendForm({ eventTypes }: { eventTypes: string[] }) {
  const navigate = useNavigate();
  const [type, setType] = useState(eventTypes.includes('payment_intent.succeeded') ? 'payment_intent.succeeded' : (eventTypes[0] ?? ''));
  const [amount, setAmount] = useState('20.00');
  const [currency, setCurrency] = useState('usd');
  const [customer, setCustomer] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  // One key per intended send: a retry after a lost answer sends the event once.
  const key = useRef(newIdempotencyKey());
  const send = useMutation({
    mutationFn: (body: SendTestEventRequest) => api<{ event: SentTestEvent }>('POST', '/sandbox/events', { body, idempotencyKey: key.current }),
    onSuccess: async ({ event }) => {
      key.current = newIdempotencyKey();
      await navigate({ to: '/events/$id', params: { id: event.id }, search: { sent: true } });
    },
    onError: (error) => {
      // Each issue under its field in its own words (formErrors), none where the answer says nothing of a field.
      const placed = formErrors(asApiError(error), FIELDS.map((field) => `body.${field}`));
      const fieldErrors: Partial<Record<Field, string>> = {};
      for (const field of FIELDS) {
        const message = placed.at(`body.${field}`);
        if (message !== undefined) fieldErrors[field] = message;
      }
      setErrors(fieldErrors);
    },
  });

  const minor = (): number | string => {
    try {
      const value = toMinor(amount.trim().replaceAll(',', ''), currency);
      return value >= 1 ? value : 'Enter an amount above zero.';
    } catch {
      return `Enter an amount in ${currency.toUpperCase()}, e.g. ${currency === 'jpy' ? '1500' : '1500.00'}.`;
    }
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const amountMinor = minor();
    if (typeof amountMinor === 'string') {
      setErrors({ amount: amountMinor });
      return;
    }
    setErrors({});
    send.mutate({ type, amount: amountMinor, currency, ...(customer.trim() === '' ? {} : { customer: customer.trim() }) });
  };

  const preview = minor();
  const fieldError = (field: Field) =>
    errors[field] === undefined ? null : (
      <p className="field-error" id={`${field}-error`}>
        {errors[field]}
      </p>
    );
  const unplaced = send.isError && Object.keys(errors).length === 0;
  return (
    <form className="card send-event-form" onSubmit={submit} noValidate aria-labelledby="send-title">
      <h2 id="send-title">Send test event</h2>
      <div className="field">
        <label htmlFor="event-type">Event type</label>
        <select id="event-type" value={type} onChange={(event) => setType(event.target.value)} aria-invalid={errors.type !== undefined} aria-describedby={errors.type === undefined ? undefined : 'type-error'}>
          <EventTypeOptions eventTypes={eventTypes} />
        </select>
        {fieldError('type')}
      </div>
      <div className="amount-row">
        <div className="field">
          <label htmlFor="event-amount">Amount</label>
          <input
            id="event-amount"
            inputMode="decimal"
            value={amount}
            onChange={(event) => setAmount(event.target.value)}
            aria-invalid={errors.amount !== undefined}
            aria-describedby={errors.amount === undefined ? 'amount-hint' : 'amount-error amount-hint'}
          />
          <span className="hint" id="amount-hint">
            In major units{typeof preview === 'number' ? `: ${formatAmount(preview, currency)}` : ''}
          </span>
          {fieldError('amount')}
        </div>
        <div className="field">
          <label htmlFor="event-currency">Currency</label>
          <select id="event-currency" value={currency} onChange={(event) => setCurrency(event.target.value)} aria-invalid={errors.currency !== undefined}>
            {CURRENCIES.map((code) => (
              <option key={code} value={code}>
                {code.toUpperCase()}
              </option>
            ))}
          </select>
          {fieldError('currency')}
        </div>
      </div>
      <TextField label="Customer" optional value={customer} onChange={setCustomer} placeholder="cus_…" hint="A sandbox customer id; leave empty to create a new customer." error={errors.customer} />
      {unplaced && (
        <p className="form-error" role="alert">
          {asApiError(send.error).message}
        </p>
      )}
      <button type="submit" className="button primary" disabled={send.isPending}>
        {send.isPending ? 'Sending…' : 'Send event'}
      </button>
    </form>
  );
}
