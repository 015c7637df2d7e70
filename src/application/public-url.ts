/** Addresses on the server's public URL (TOLLGATE_PUBLIC_URL), for people to copy into other systems. */
import type { AppContext } from './app-context.ts';

/**
 * `path` on the server's public URL, e.g. `https://tollgate.example.com/webhooks/stripe/stripe`; null when
 * TOLLGATE_PUBLIC_URL is not set (the web app then uses the address the browser reaches the server at).
 */
export function publicUrlOf(app: Pick<AppContext, 'publicUrl'>, path: string): string | null {
  return app.publicUrl === undefined ? null : `${app.publicUrl.replace(/\/+$/, '')}${path}`;
}

/** The path a workflow with a webhook trigger takes deliveries at. */
export function workflowWebhookPath(workflowId: string): string {
  return `/webhooks/workflows/${encodeURIComponent(workflowId)}`;
}
