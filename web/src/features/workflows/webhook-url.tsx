import type { WorkflowTrigger } from '../../api/types.ts';
import { CopyValue } from '../../ui/copy-value.tsx';

/**
 * Where a workflow with a webhook trigger takes deliveries, to copy into the sending system: on the server's
 * public URL (TOLLGATE_PUBLIC_URL) when it is set, as the API answers it; else this server's
 * `/webhooks/workflows/<id>` as the browser reaches it.
 */
export function WebhookUrl({ workflow, trigger, active }: { workflow: string; trigger: WorkflowTrigger; active: boolean }) {
  const url = trigger.url ?? `${window.location.origin}${trigger.path ?? `/webhooks/workflows/${encodeURIComponent(workflow)}`}`;
  return (
    <div className="webhook-url">
      <CopyValue value={url} label="Copy the inbound URL" />
      <span className="hint">
        POST JSON to it; the run reads it as <code>body</code>.{' '}
        {trigger.signed === true ? (
          <>
            Sign each delivery with <code>X-Tollgate-Signature: t=&lt;unix seconds&gt;,sha256=&lt;HMAC-SHA256 of "t.body" under the trigger's secret&gt;</code>.
          </>
        ) : (
          'Unsigned: anyone who knows the URL can start a run. Give the trigger a secret to require a signature.'
        )}{' '}
        {!active && 'It takes deliveries only while the workflow is active.'}
      </span>
    </div>
  );
}
