import type { SandboxStatus } from '../sandbox/index.ts';
import { formatTable } from './output.ts';

/** `tollgate stripe status` for people: the sandbox, its endpoints, the delivery queue and the stored objects. */
export function sandboxStatusLines(status: SandboxStatus): string[] {
  const { deliveries } = status;
  const oldest = deliveries.oldest_pending;
  return [
    `sandbox     ${status.url}`,
    `deliveries  ${deliveries.pending} pending, ${deliveries.failed} failed, ${deliveries.succeeded} succeeded${deliveries.cancelled > 0 ? `, ${deliveries.cancelled} cancelled` : ''}`,
    ...(oldest === null
      ? []
      : [`  oldest pending: ${oldest.event_type} ${oldest.event_id} to ${oldest.url}, queued ${new Date(oldest.created * 1000).toISOString()}, ${oldest.attempts} attempt(s)${oldest.last_error === null ? '' : `, last error: ${oldest.last_error}`}`]),
    `objects     ${status.objects.total} stored`,
    '',
    status.endpoints.length === 0
      ? 'no webhook endpoints: events are not delivered anywhere'
      : formatTable(['ENDPOINT', 'URL', 'STATUS', 'PAYLOAD', 'SECRET'], status.endpoints.map((endpoint) => [endpoint.id, endpoint.url, endpoint.status, endpoint.event_payload, endpoint.secret])),
  ];
}
