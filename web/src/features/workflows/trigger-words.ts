import type { WorkflowTrigger } from '../../api/types.ts';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/**
 * What starts a workflow, in words.
 * @example triggerWords({ type: 'event', events: ['payment_intent.succeeded'] }) // 'On payment_intent.succeeded'
 * @example triggerWords({ type: 'schedule', cron: '0 9 * * *', timezone: 'UTC' }) // 'Every day at 09:00 (UTC)'
 */
export function triggerWords(trigger: WorkflowTrigger | null): string {
  if (trigger === null) return 'Unknown (the definition does not parse)';
  switch (trigger.type) {
    case 'event':
      return `On ${(trigger.events ?? []).join(' or ')}`;
    case 'schedule':
      return `${cronWords(trigger.cron ?? '')} (${trigger.timezone ?? 'UTC'})`;
    case 'manual':
      return 'Started by hand (Run now, the API or the CLI)';
    case 'form':
      return 'A catalog request form';
    case 'webhook':
      return 'An incoming webhook';
    default: {
      const unknown: never = trigger.type;
      return unknown;
    }
  }
}

/** The trigger's kind as a short label. */
export function triggerKind(trigger: WorkflowTrigger | null): string {
  return trigger === null ? 'Unknown' : { event: 'Stripe event', schedule: 'Schedule', manual: 'Manual', form: 'Form', webhook: 'Webhook' }[trigger.type];
}

/** Common cron shapes in words; anything else as the expression itself. */
export function cronWords(cron: string): string {
  const parts = cron.trim().split(/\s+/);
  if (parts.length !== 5) return `On schedule ${cron}`;
  const [minute, hour, day, month, weekday] = parts as [string, string, string, string, string];
  const everyMinutes = /^\*\/(\d+)$/.exec(minute);
  const at = (h: string, m: string) => `${h.padStart(2, '0')}:${m.padStart(2, '0')}`;
  const isNumber = (value: string) => /^\d+$/.test(value);
  if (everyMinutes && hour === '*' && day === '*' && month === '*' && weekday === '*') return `Every ${everyMinutes[1]} minutes`;
  if (minute === '*' && hour === '*' && day === '*' && month === '*' && weekday === '*') return 'Every minute';
  if (isNumber(minute) && hour === '*' && day === '*' && month === '*' && weekday === '*') return `Every hour at :${minute.padStart(2, '0')}`;
  if (isNumber(minute) && isNumber(hour) && day === '*' && month === '*') {
    if (weekday === '*') return `Every day at ${at(hour, minute)}`;
    if (weekday === '1-5') return `Every weekday at ${at(hour, minute)}`;
    if (isNumber(weekday)) return `Every ${WEEKDAYS[Number(weekday) % 7] ?? weekday} at ${at(hour, minute)}`;
  }
  if (isNumber(minute) && isNumber(hour) && isNumber(day) && month === '*' && weekday === '*') return `Monthly on day ${day} at ${at(hour, minute)}`;
  const monthName = isNumber(month) ? MONTHS[Number(month) - 1] : undefined;
  if (isNumber(minute) && isNumber(hour) && isNumber(day) && monthName !== undefined && weekday === '*') return `Every year on ${Number(day)} ${monthName} at ${at(hour, minute)}`;
  return `On schedule ${cron}`;
}
