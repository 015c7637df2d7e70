import { useMutation, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { createColumnHelper } from '@tanstack/react-table';
import { useState, type FormEvent } from 'react';
import { api, newIdempotencyKey } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { ConnectorList, EventRecoverAnswer, EventRecoverRequest } from '../../api/types.ts';
import { can, useMe } from '../../auth/session.ts';
import { BreakableName } from '../../ui/breakable-name.tsx';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { DataTable } from '../../ui/data-table.tsx';
import { issueText } from '../../ui/form-errors.ts';
import { FieldFrame } from '../../ui/form-fields.tsx';
import { PageHeader } from '../../ui/page-header.tsx';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime, localTimeToIso } from '../../ui/time.ts';
import { EventsTabs } from './events-tabs.tsx';

const FIELDS = ['since', 'until', 'connector', 'accounts'] as const;
type Field = (typeof FIELDS)[number];
type MissingEvent = EventRecoverAnswer['events'][number];

const column = createColumnHelper<MissingEvent>();
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * After an outage, or once Stripe stopped retrying or disabled the webhook endpoint: find the Stripe events of
 * a window that Tollgate never received, then take them in, after a confirm, so their workflows start.
 */
export function RecoverEventsPage() {
  const me = useMe();
  const connectors = useQuery({ queryKey: ['settings', 'connectors'], queryFn: () => api<ConnectorList>('GET', '/connectors') });
  return (
    <>
      <PageHeader title="Events & messages" subtitle="Find the Stripe events Tollgate missed, and take them in." />
      <EventsTabs />
      {!can(me, 'runs.operate') ? (
        <Empty title="You cannot recover events">Taking events in starts their workflows: it needs an editor or admin role.</Empty>
      ) : connectors.isPending ? (
        <Loading label="Looking up the Stripe connectors…" />
      ) : connectors.isError ? (
        <ErrorState error={connectors.error} retry={() => void connectors.refetch()} />
      ) : connectors.data.stripe_webhooks.length === 0 ? (
        <Empty title="No Stripe connector">Events are read from a stripe connector's account; none is configured.</Empty>
      ) : (
        <RecoverForm stripeConnectors={connectors.data.stripe_webhooks.map((endpoint) => endpoint.connector)} />
      )}
    </>
  );
}

function RecoverForm({ stripeConnectors }: { stripeConnectors: string[] }) {
  const [since, setSince] = useState(() => localInputValue(new Date(Date.now() - DAY_MS)));
  const [until, setUntil] = useState('');
  const [everyEvent, setEveryEvent] = useState(false);
  const [connector, setConnector] = useState(stripeConnectors[0] ?? '');
  const [accounts, setAccounts] = useState('');
  const [errors, setErrors] = useState<Partial<Record<Field, string>>>({});
  const [confirming, setConfirming] = useState(false);
  const [key, setKey] = useState(newIdempotencyKey);

  const request = (): EventRecoverRequest | undefined => {
    const sinceIso = localTimeToIso(since === '' ? undefined : since);
    const untilIso = localTimeToIso(until === '' ? undefined : until);
    const problems: Partial<Record<Field, string>> = {};
    if (sinceIso === undefined) problems.since = 'Pick when the window starts.';
    if (until !== '' && untilIso === undefined) problems.until = 'Pick a time, or leave it empty for now.';
    setErrors(problems);
    if (sinceIso === undefined || Object.keys(problems).length > 0) return undefined;
    const connected = accountIds(accounts);
    return {
      since: sinceIso,
      ...(untilIso === undefined ? {} : { until: untilIso }),
      ...(stripeConnectors.length > 1 ? { connector } : {}),
      ...(connected.length === 0 ? {} : { accounts: connected }),
      scope: everyEvent ? 'all' : 'undelivered',
      preview: true,
    };
  };
  // Each issue under its field in its own words, an account's prefixed with the id typed; a refusal without
  // issues (a window Stripe does not keep) is one at its path. What no field shows stays above the button.
  const placeErrors = (error: unknown) => {
    const apiError = asApiError(error);
    const issues = apiError.issues.length > 0 ? apiError.issues : apiError.path === undefined ? [] : [{ path: apiError.path, message: apiError.message }];
    // The connector's select is there only when there is more than one to choose.
    const shown = (field: string | undefined): field is Field => FIELDS.some((known) => known === field) && (field !== 'connector' || stripeConnectors.length > 1);
    const placed: Partial<Record<Field, string>> = {};
    for (const issue of issues) {
      const [field, index] = issue.path.replace(/^body\./, '').split(/[[\]]/);
      if (!shown(field)) continue;
      const text = issueText(issue);
      const named = field === 'accounts' && index !== undefined ? accountIds(accounts)[Number(index)] : undefined;
      const message = named === undefined || text.includes(named) ? text : `${named}: ${text}`;
      placed[field] = placed[field] === undefined ? message : `${placed[field]} ${message}`;
    }
    setErrors(placed);
  };
  const preview = useMutation({
    mutationFn: (body: EventRecoverRequest) => api<EventRecoverAnswer>('POST', '/events/recover', { body }),
    onMutate: () => take.reset(),
    onError: placeErrors,
  });
  const take = useMutation({
    // The window the preview looked at, so what is confirmed is what is taken in (or fewer, if some arrived meanwhile).
    mutationFn: (answer: EventRecoverAnswer) =>
      api<EventRecoverAnswer>('POST', '/events/recover', {
        body: { since: answer.since, until: answer.until, connector: answer.connector, accounts: answer.accounts, scope: answer.scope, preview: false },
        idempotencyKey: key,
      }),
    onSuccess: () => {
      setKey(newIdempotencyKey());
      setConfirming(false);
      preview.reset();
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const body = request();
    if (body !== undefined) preview.mutate(body);
  };
  const fieldError = (field: Field) =>
    errors[field] === undefined ? null : (
      <p className="field-error" id={`recover-${field}-error`}>
        {errors[field]}
      </p>
    );
  const looked = preview.data;
  const unplaced = preview.isError && Object.keys(errors).length === 0;
  return (
    <div className="stack">
      <form className="card recover-form" onSubmit={submit} noValidate aria-labelledby="recover-title">
        <h2 id="recover-title">Recover missed Stripe events</h2>
        <p className="muted">
          Every 15 minutes Tollgate asks Stripe for the events it could not deliver and takes in those missing. After a longer outage, or if Stripe disabled the webhook endpoint, look further back here (Stripe keeps events for 30 days).
        </p>
        <div className="recover-window">
          <div className="field">
            <label htmlFor="recover-since">From</label>
            <input id="recover-since" type="datetime-local" value={since} onChange={(event) => setSince(event.target.value)} aria-invalid={errors.since !== undefined} aria-describedby={errors.since === undefined ? undefined : 'recover-since-error'} />
            {fieldError('since')}
          </div>
          <div className="field">
            <label htmlFor="recover-until">Until</label>
            <input id="recover-until" type="datetime-local" value={until} onChange={(event) => setUntil(event.target.value)} aria-invalid={errors.until !== undefined} aria-describedby={errors.until === undefined ? 'recover-until-hint' : 'recover-until-error recover-until-hint'} />
            <span className="hint" id="recover-until-hint">
              Empty: now
            </span>
            {fieldError('until')}
          </div>
          {stripeConnectors.length > 1 && (
            <div className="field">
              <label htmlFor="recover-connector">Stripe account</label>
              <select id="recover-connector" value={connector} onChange={(event) => setConnector(event.target.value)} aria-invalid={errors.connector !== undefined}>
                {stripeConnectors.map((id) => (
                  <option key={id} value={id}>
                    {id}
                  </option>
                ))}
              </select>
              {fieldError('connector')}
            </div>
          )}
        </div>
        <FieldFrame
          label="Connected accounts"
          optional
          hint="Connect platforms: Stripe lists a connected account's events only when asked as that account. The sweep reads the accounts Tollgate has had events from; name others here, separated by commas or spaces."
          error={errors.accounts}
        >
          {({ id, describedBy }) => (
            <input id={id} value={accounts} onChange={(event) => setAccounts(event.target.value)} placeholder="acct_1Hc2…, acct_9Lm4…" spellCheck={false} aria-invalid={errors.accounts !== undefined} aria-describedby={describedBy} />
          )}
        </FieldFrame>
        <label className="check">
          <input type="checkbox" checked={everyEvent} onChange={(event) => setEveryEvent(event.target.checked)} aria-describedby="recover-every-hint" /> Compare every event
        </label>
        <p className="hint recover-hint" id="recover-every-hint">
          Not only those Stripe could not deliver: after the endpoint was disabled or deleted, Stripe did not try it, so its events do not count as undelivered.
        </p>
        {unplaced && (
          <p className="form-error" role="alert">
            {asApiError(preview.error).message}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="button primary" disabled={preview.isPending}>
            {preview.isPending ? 'Asking Stripe…' : 'Find missing events'}
          </button>
        </div>
      </form>
      {looked !== undefined && <RecoveryResult answer={looked} onTake={() => setConfirming(true)} />}
      {take.data !== undefined && <RecoveryResult answer={take.data} />}
      {looked !== undefined && (
        <ConfirmDialog
          open={confirming}
          title={`Take in ${countText(looked.missing)}?`}
          description="Each starts the workflows listening to its type, as if Stripe delivered it now: a workflow that refunds or updates customers acts on it. Events that arrived meanwhile are not taken twice."
          confirmLabel={`Yes, take in ${countText(looked.missing)}`}
          pendingLabel="Taking them in…"
          pending={take.isPending}
          error={take.error}
          onConfirm={() => take.mutate(looked)}
          onClose={() => setConfirming(false)}
        />
      )}
    </div>
  );
}

/** What a look (a preview) found, with the button to take the events in; or what taking them in did. */
function RecoveryResult({ answer, onTake }: { answer: EventRecoverAnswer; onTake?: () => void }) {
  const window = `${formatDateTime(answer.since)} to ${formatDateTime(answer.until)}`;
  const which = answer.scope === 'all' ? 'events' : 'undelivered events';
  const title = answer.preview ? (answer.missing === 0 ? 'Nothing is missing' : `${countText(answer.missing)} missing`) : `Took in ${countText(answer.missing)}`;
  const runs = answer.events.reduce((total, event) => total + event.runs.length, 0);
  return (
    <section className="card recovery-result" aria-labelledby="recover-result-title" data-recovery={answer.preview ? 'preview' : 'taken'}>
      <h2 id="recover-result-title">{title}</h2>
      <p className="muted">
        Stripe lists {answer.listed} {which} from {window} for {answer.connector}
        {answer.accounts.length > 0 && ` and ${answer.accounts.length === 1 ? 'connected account' : 'connected accounts'} ${answer.accounts.join(', ')}`}; Tollgate held {answer.already_stored} of them already.
        {!answer.preview && ` ${runs === 1 ? '1 run' : `${runs} runs`} started.`}
      </p>
      <DataTable caption={answer.preview ? 'The missing events' : 'The events taken in'} columns={answer.preview ? previewColumns : takenColumns} rows={answer.events} rowKey={(event) => event.id} empty={null} />
      {answer.missing > answer.events.length && <p className="muted">… and {answer.missing - answer.events.length} more.</p>}
      {onTake !== undefined && answer.missing > 0 && (
        <div className="actions">
          <button type="button" className="button primary" onClick={onTake}>
            Take in {countText(answer.missing)}…
          </button>
        </div>
      )}
    </section>
  );
}

const eventColumns = [
  column.accessor('type', {
    header: 'Event',
    cell: ({ row }) => (
      <div className="stacked-cell">
        <BreakableName text={row.original.type} />
        <span className="muted mono small whole-id">{row.original.id}</span>
        {row.original.account !== null && <span className="muted small">from {row.original.account}</span>}
      </div>
    ),
  }),
  column.accessor('created', { header: 'Made by Stripe', cell: ({ getValue }) => <span className="nowrap">{formatDateTime(new Date(getValue() * 1000).toISOString())}</span> }),
];
const previewColumns = eventColumns;
const takenColumns = [
  ...eventColumns,
  column.accessor('runs', {
    header: 'Runs started',
    cell: ({ row }) =>
      row.original.runs.length === 0 ? (
        <Link to="/events/$id" params={{ id: row.original.id }}>
          none: see the event
        </Link>
      ) : (
        <span className="stacked-cell">
          {row.original.runs.map((run) => (
            <Link key={run} to="/runs/$id" params={{ id: run }} className="mono small">
              {run}
            </Link>
          ))}
        </span>
      ),
  }),
];

/** The account ids typed, separated by commas or spaces. */
function accountIds(text: string): string[] {
  return text.split(/[\s,]+/).filter((id) => id !== '');
}

function countText(count: number): string {
  return count === 1 ? '1 event' : `${count} events`;
}

/** A time as a datetime-local input holds it: the browser's time zone, to the minute. */
function localInputValue(at: Date): string {
  const local = new Date(at.getTime() - at.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}
