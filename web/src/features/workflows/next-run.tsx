import { formatDateTime, formatRelative } from '../../ui/time.ts';

/**
 * When a scheduled workflow's next run starts, as the engine keeps it: `in 3 hours` with the time in the
 * browser's time zone (`full`) or on hover. A time already past is due: a worker fires it within seconds,
 * so one long past means no worker runs the schedules.
 */
export function NextRun({ at, full = false }: { at: string; full?: boolean }) {
  const late = Date.now() - new Date(at).getTime();
  const due = late >= 0;
  const when = !due ? formatRelative(at) : late < 60_000 ? 'due now' : `due ${formatRelative(at)}`;
  return (
    <time dateTime={at} title={due ? `Due since ${formatDateTime(at)}: a worker starts it within seconds; if it stays due, no worker is running the schedules` : formatDateTime(at)}>
      {full ? `${formatDateTime(at)} (${when})` : when}
    </time>
  );
}
