import { Cron } from 'croner';
import type { ReportIssue } from './definition-issue.ts';
import type { WorkflowDocument } from './schema.ts';

/** A schedule trigger's cron expression and time zone must be ones the scheduler can run. */
export function checkSchedule(workflow: WorkflowDocument, report: ReportIssue): void {
  const trigger = workflow.trigger;
  if (trigger.type !== 'schedule') return;
  if (!isTimeZone(trigger.timezone)) {
    report(['trigger', 'timezone'], `"${trigger.timezone}" is not an IANA time zone; write one such as UTC, Europe/Paris or America/New_York`);
    return;
  }
  try {
    if (new Cron(trigger.cron, { timezone: trigger.timezone, paused: true }).nextRun() === null) {
      report(['trigger', 'cron'], `"${trigger.cron}" never fires; give a schedule with a future time`);
    }
  } catch (error) {
    report(['trigger', 'cron'], `"${trigger.cron}" is not a cron expression (${(error as Error).message}); write five fields, e.g. "0 9 * * 1-5" for 9:00 on weekdays`);
  }
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
