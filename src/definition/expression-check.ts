import type { ReportIssue } from './definition-issue.ts';
import { stepExpressionSites, triggerExpressionSites } from './expression-sites.ts';
import { siteSyntaxProblems } from './expression-syntax.ts';
import type { WorkflowDocument } from './schema.ts';
import { stepLists } from './workflow-graph.ts';

/**
 * Reports every expression that does not parse: conditions, foreach `items`,
 * wait `until`, and each `{{ }}` in `with`, `values` and `input` at any depth.
 */
export function checkWorkflowExpressions(workflow: WorkflowDocument, report: ReportIssue): void {
  for (const site of triggerExpressionSites(workflow.trigger)) {
    for (const problem of siteSyntaxProblems(site)) report(site.keys, problem);
  }
  for (const list of stepLists(workflow.steps)) {
    list.steps.forEach((step, index) => {
      for (const site of stepExpressionSites(step)) {
        for (const problem of siteSyntaxProblems(site)) report([...list.keys, index, ...site.keys], problem);
      }
    });
  }
}
