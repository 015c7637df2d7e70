import { suggestion } from './did-you-mean.ts';
import type { PathKey, ReportIssue } from './definition-issue.ts';
import { stepExpressionSites, triggerExpressionSites } from './expression-sites.ts';
import type { ExpressionSite } from './expression-sites.ts';
import { siteVariables } from './expression-syntax.ts';
import type { Step, WorkflowDocument } from './schema.ts';
import { nestedStepLists, reachableSteps, stepEdges } from './workflow-graph.ts';
import { innerVariables, RUN_VARIABLES, triggerVariables, variablesAfterStep } from './workflow-variables.ts';

interface VariableContext {
  report: ReportIssue;
  /** Each variable any step or the trigger sets, and who sets it. */
  providers: Map<string, string>;
}

/**
 * Reports expressions that read a variable no earlier step or the trigger
 * provides. It is a per-path analysis: a step may read what some path from the
 * first step to it sets (a variable that is set on only one of two paths may
 * be missing at run time, and is allowed). On an `on_error` edge the failed
 * action's output is not set. Steps inside a parallel branch or a foreach body
 * see what was set before their container, the foreach's `as` name, and what
 * earlier steps of their own branch or iteration set; steps after a container
 * see only its output (what was set inside stays in its scope).
 */
export function checkWorkflowVariables(workflow: WorkflowDocument, report: ReportIssue): void {
  const fromTrigger = triggerVariables(workflow.trigger);
  const providers = new Map<string, string>();
  for (const name of [...RUN_VARIABLES, ...fromTrigger]) providers.set(name, `the ${workflow.trigger.type} trigger`);
  collectProviders(workflow.steps, providers);
  const context: VariableContext = { report, providers };
  for (const site of triggerExpressionSites(workflow.trigger)) checkSite(site, [], new Set(fromTrigger), context);
  checkStepList(workflow.steps, ['steps'], new Set([...RUN_VARIABLES, ...fromTrigger]), context);
}

function collectProviders(steps: readonly Step[], providers: Map<string, string>, container?: { step: Step; scope: string }): void {
  for (const step of steps) {
    const where = container === undefined ? '' : ` inside "${container.step.id}" (seen in its own ${container.scope} only; after it, read "${container.step.id}")`;
    for (const name of variablesAfterStep(step)) if (!providers.has(name)) providers.set(name, `step "${step.id}"${where}`);
    for (const name of innerVariables(step)) {
      if (!providers.has(name)) providers.set(name, `the ${step.type} step "${step.id}" (inside it only)`);
    }
    for (const nested of nestedStepLists(step, [])) collectProviders(nested.steps, providers, { step, scope: nested.scope });
  }
}

function checkStepList(steps: readonly Step[], listKeys: PathKey[], entry: Set<string>, context: VariableContext): void {
  const available = variablesBeforeSteps(steps, entry);
  steps.forEach((step, index) => {
    // An unreachable step is reported as such; judge its expressions against everything the workflow sets.
    const before = available[index] ?? new Set(context.providers.keys());
    const stepKeys = [...listKeys, index];
    for (const site of stepExpressionSites(step)) checkSite(site, stepKeys, before, context);
    const inside = new Set([...before, ...innerVariables(step)]);
    for (const nested of nestedStepLists(step, stepKeys)) checkStepList(nested.steps, nested.keys, inside, context);
  });
}

/** For each reachable step, the variables some path from the first step sets before it. */
function variablesBeforeSteps(steps: readonly Step[], entry: Set<string>): (Set<string> | undefined)[] {
  const reached = reachableSteps(steps);
  const before: (Set<string> | undefined)[] = steps.map((_step, index) => (reached.has(index) ? new Set<string>() : undefined));
  const first = before[0];
  if (first !== undefined) for (const name of entry) first.add(name);
  const visited = new Set<number>();
  const pending = first === undefined ? [] : [0];
  for (let index = pending.pop(); index !== undefined; index = pending.pop()) {
    visited.add(index);
    const step = steps[index];
    const known = before[index];
    if (step === undefined || known === undefined) continue;
    const after = new Set([...known, ...variablesAfterStep(step)]);
    for (const edge of stepEdges(steps, index)) {
      const target = before[edge.to];
      if (target === undefined) continue;
      const size = target.size;
      for (const name of edge.onError ? known : after) target.add(name);
      if (target.size !== size || !visited.has(edge.to)) pending.push(edge.to);
    }
  }
  return before;
}

function checkSite(site: ExpressionSite, stepKeys: PathKey[], available: Set<string>, context: VariableContext): void {
  for (const name of siteVariables(site)) {
    if (available.has(name)) continue;
    context.report([...stepKeys, ...site.keys], missingVariableMessage(name, available, context.providers));
  }
}

function missingVariableMessage(name: string, available: Set<string>, providers: Map<string, string>): string {
  if (name === 'env') {
    return '"env" is not available in workflow expressions; keep secrets in a Connector\'s config, and pass values through the trigger or a `set` step';
  }
  const provider = providers.get(name);
  if (provider !== undefined) {
    return `"${name}" is set by ${provider}, which never runs before this point; move this step after it, or read a variable that is set on the way here`;
  }
  return `"${name}" is not provided by the trigger or any step${suggestion(name, available)}`;
}
