/** A workflow definition for people: its trigger in a line and its steps as an indented tree. */
import type { Step, Trigger } from '../definition/schema.ts';
import { nestedStepLists } from '../definition/workflow-graph.ts';

/** `event charge.dispute.created when object.amount > 10000`; `schedule 0 9 * * 1 (UTC)`. */
export function triggerText(trigger: Trigger): string {
  switch (trigger.type) {
    case 'event':
      return `event ${[trigger.event].flat().join(', ')}${trigger.when === undefined ? '' : ` when ${trigger.when}`}`;
    case 'schedule':
      return `schedule ${trigger.cron} (${trigger.timezone})`;
    case 'manual':
      return `manual${trigger.input.length === 0 ? '' : `, input ${trigger.input.map((field) => field.key).join(', ')}`}`;
    case 'form':
      return `form: ${trigger.form.map((field) => field.key).join(', ')}`;
    case 'webhook':
      return `webhook${trigger.when === undefined ? '' : ` when ${trigger.when}`}`;
    default: {
      const _: never = trigger;
      return _;
    }
  }
}

/**
 * One line per step, nested steps indented under their parallel branch or
 * foreach, each decision's branches under it.
 * @example stepTree(definition.steps) // ['big  decision', '  when amount >= 500 → mark_big', ...]
 */
export function stepTree(steps: readonly Step[], depth = 0): string[] {
  const pad = '  '.repeat(depth);
  return steps.flatMap((step) => {
    const lines = [`${pad}${step.id}  ${step.type}${step.title === undefined ? '' : `  “${step.title}”`}${stepDetail(step)}${step.next === undefined ? '' : ` → ${step.next}`}`];
    if (step.type === 'decision') {
      lines.push(...step.branches.map((branch) => `${pad}  when ${branch.when} → ${branch.next}`), `${pad}  otherwise → ${step.otherwise}`);
    }
    const nested = nestedStepLists(step, []);
    nested.forEach((list, index) => {
      if (step.type === 'parallel') lines.push(`${pad}  branch ${index + 1}`);
      lines.push(...stepTree(list.steps, depth + (step.type === 'parallel' ? 2 : 1)));
    });
    return lines;
  });
}

function stepDetail(step: Step): string {
  switch (step.type) {
    case 'action':
      return `  ${step.uses}${step.on_error === undefined ? '' : `, on error → ${step.on_error}`}`;
    case 'approval': {
      const who = 'team' in step.assignee ? `team ${step.assignee.team}` : step.assignee.users.join(', ');
      const on = [step.on?.approved === undefined ? '' : `approved → ${step.on.approved}`, step.on?.rejected === undefined ? '' : `rejected → ${step.on.rejected}`].filter((part) => part !== '');
      return `  by ${who}${step.timeout === undefined ? '' : `, timeout ${step.timeout} (${step.on_timeout ?? 'reject'})`}${on.length === 0 ? '' : `; ${on.join(', ')}`}`;
    }
    case 'wait':
      return step.for === undefined ? `  until ${step.until ?? '-'}` : `  for ${step.for}`;
    case 'foreach':
      return `  each ${step.as} in ${step.items}`;
    case 'parallel':
      return `  join ${step.join}`;
    case 'set':
      return `  ${Object.keys(step.values).join(', ')}`;
    case 'workflow':
      return `  runs ${step.workflow}`;
    case 'end':
      return `  ${step.status}${step.outcome === undefined ? '' : `, outcome ${step.outcome}`}`;
    case 'decision':
      return '';
    default: {
      const _: never = step;
      return _;
    }
  }
}
