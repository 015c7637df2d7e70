import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { PageHeader } from '../../ui/page-header.tsx';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { formatDateTime } from '../../ui/time.ts';
import { webhookMessageQuery } from './event-queries.ts';
import { EventsTabs } from './events-tabs.tsx';
import { RunLine } from './run-cell.tsx';
import { webhookTopic } from './webhook-inbox-page.tsx';

const route = getRouteApi('/app/events/webhooks/$id');

/** One kept webhook message: where it would go, its headers and its JSON body, pretty-printed. */
export function WebhookMessagePage() {
  const { id } = route.useParams();
  const answer = useQuery(webhookMessageQuery(id));
  const message = answer.data?.message;
  return (
    <>
      <PageHeader
        title={message === undefined ? 'Webhook message' : webhookTopic(message)}
        subtitle={
          <Link to="/events/webhooks" search={{}}>
            ← Webhook inbox
          </Link>
        }
      />
      <EventsTabs />
      {answer.isPending ? (
        <Loading label="Loading the message…" />
      ) : answer.isError || message === undefined ? (
        <ErrorState error={answer.error} retry={() => void answer.refetch()} />
      ) : (
        <div className="stack">
          <section className="card" aria-labelledby="about-title">
            <h2 id="about-title">About</h2>
            <dl className="kv">
              <dt>Connector</dt>
              <dd>
                {message.connector}
                {message.path !== null && <span className="mono"> {message.path}</span>}
              </dd>
              <dt>Kept because</dt>
              <dd>{message.reason}</dd>
              <dt>Webhook id</dt>
              <dd className="mono">{message.webhook_id}</dd>
              <RunLine run={message.run} workflow={message.workflow} workflowTitle={message.workflow_title} version={message.workflow_version} stepPath={message.step_path} />
              <dt>Created</dt>
              <dd>{formatDateTime(message.created_at)}</dd>
              {Object.entries(message.headers).map(([name, value]) => (
                <div key={name} className="kv-pair">
                  <dt className="mono">{name}</dt>
                  <dd className="mono">{value}</dd>
                </div>
              ))}
            </dl>
          </section>
          <section className="card" aria-labelledby="body-title">
            <h2 id="body-title">Body</h2>
            <pre className="json" tabIndex={0}>
              <code>{JSON.stringify(message.body, null, 2)}</code>
            </pre>
          </section>
        </div>
      )}
    </>
  );
}
