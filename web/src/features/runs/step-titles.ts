/** Steps named for people on the run and message pages: a version's step titles, read from its graph, or a title an answer gave. */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { workflowGraphQuery } from '../../api/workflow-reads.ts';
import { titleFromId } from '../../../../src/core/id-from-title.ts';

/** Without a version's titles (a message whose run is gone, a title the API already gave): every step is named by its id in words. */
const NO_TITLES: ReadonlyMap<string, string> = new Map();

/**
 * The titles of a workflow version's steps, by step id (a step without a title is absent), or undefined while the
 * version's graph loads, for a name shown once, right, rather than as the id in words that the title then replaces.
 * A graph that cannot be read leaves every step its id in words.
 */
export function useLoadedStepTitles(workflow: string, version: number): ReadonlyMap<string, string> | undefined {
  const graph = useQuery(workflowGraphQuery(workflow, version));
  const nodes = graph.data?.nodes;
  const titles = useMemo(() => new Map((nodes ?? []).flatMap((node) => (node.title === null ? [] : [[node.step, node.title] as const]))), [nodes]);
  return graph.isPending ? undefined : titles;
}

/**
 * A step's name: its title ("Refund the charge"), else its id in words (`threshold_check` → "Threshold check").
 * `step` is an id or a step path (`fanout/0/email_team`: the step `email_team` in a branch), named by its last step.
 */
export function stepName(titles: ReadonlyMap<string, string>, step: string): string {
  const id = step.slice(step.lastIndexOf('/') + 1);
  return titles.get(id) ?? titleFromId(id);
}

/** A step's name from the title an answer gave with it (null: the step has none), else its id in words; no graph to wait for. */
export function titledStepName(title: string | null, step: string): string {
  return title ?? stepName(NO_TITLES, step);
}
