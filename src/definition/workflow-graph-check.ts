import { didYouMean, listChoices, suggestion } from './did-you-mean.ts';
import { formatPath } from './definition-issue.ts';
import type { PathKey, ReportIssue } from './definition-issue.ts';
import type { WorkflowDocument } from './schema.ts';
import { allSteps, ignoredNextReason, reachableSteps, stepLists, stepTargets } from './workflow-graph.ts';

const MAX_LISTED_STEPS = 12;

/**
 * Checks a workflow's graph: step ids are unique in the workflow, every
 * target names a step of the same list, `next` is not set where it is never
 * followed, and (unless `reachability` is false) every step is reachable
 * from the first step of its list. A target with a likely intended step counts
 * as going there; a list with a target that names nothing close is not checked
 * for reachability, since any answer would be a guess.
 */
export function checkWorkflowGraph(workflow: WorkflowDocument, report: ReportIssue, options: { reachability?: boolean } = {}): void {
  const firstUse = new Map<string, PathKey[]>();
  for (const { step, keys } of allSteps(workflow.steps)) {
    const earlier = firstUse.get(step.id);
    if (earlier === undefined) firstUse.set(step.id, keys);
    else report([...keys, 'id'], `step id "${step.id}" is already used by ${formatPath(earlier)}; give each step its own id`);
  }

  for (const list of stepLists(workflow.steps)) {
    const ids = [...new Set(list.steps.map((step) => step.id))];
    // A typo in a target should not also make the step it meant unreachable: follow the likely intended step.
    const aliases = new Map<string, string>();
    let unresolved = false;
    list.steps.forEach((step, index) => {
      const stepKeys = [...list.keys, index];
      for (const { keys, target } of stepTargets(step)) {
        if (ids.includes(target)) continue;
        const intended = didYouMean(target, ids);
        if (intended === undefined) unresolved = true;
        else aliases.set(target, intended);
        report([...stepKeys, ...keys], unknownTargetMessage(target, ids, firstUse.get(target)));
      }
      const ignored = ignoredNextReason(step);
      if (step.next !== undefined && ignored !== undefined) {
        report([...stepKeys, 'next'], `\`next\` is never followed: ${ignored}; remove \`next\``, { at: 'key' });
      }
    });
    // With a target that names nothing, what is unreachable is a guess: report it once the targets are fixed.
    if (options.reachability === false || unresolved) continue;
    const reached = reachableSteps(list.steps, aliases);
    list.steps.forEach((step, index) => {
      if (reached.has(index)) return;
      report(
        [...list.keys, index],
        `step "${step.id}" is never reached: no path from the first step of this list leads to it; name it in a \`next\`, a branch or an \`on_error\`, or remove it`,
      );
    });
  }
}

function unknownTargetMessage(target: string, ids: readonly string[], elsewhere: PathKey[] | undefined): string {
  if (elsewhere !== undefined) {
    return `step "${target}" is in another step list (${formatPath(elsewhere)}); a step can go only to steps of its own list`;
  }
  const hint = suggestion(target, ids);
  if (hint !== '' || ids.length > MAX_LISTED_STEPS) return `no step "${target}"${hint}`;
  return `no step "${target}"; the steps here are ${listChoices(ids)}`;
}
