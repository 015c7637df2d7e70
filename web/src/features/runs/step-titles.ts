/** Steps named for people on the run pages: a version's step titles, read from its graph. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { workflowGraphQuery } from '../../api/workflow-reads.ts';
import { titleFromId } from '../../../../src/core/id-from-title.ts';

/** The titles of a workflow version's steps, by step id; a step without a title is absent. */
export function useStepTitles(workflow: string, version: number): ReadonlyMap<string, string> {
  const graph = useQuery(workflowGraphQuery(workflow, version)).data;
  return useMemo(() => new Map((graph?.nodes ?? []).flatMap((node) => (node.title === null ? [] : [[node.step, node.title] as const]))), [graph]);
}

/**
 * A step's name: its title ("Refund the charge"), else its id in words (`threshold_check` → "Threshold check").
 * `step` is an id or a step path (`fanout/0/email_team`: the step `email_team` in a branch), named by its last step.
 */
export function stepName(titles: ReadonlyMap<string, string>, step: string): string {
  const id = step.slice(step.lastIndexOf('/') + 1);
  return titles.get(id) ?? titleFromId(id);
}
