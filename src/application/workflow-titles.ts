import type { AppContext } from './app-context.ts';

/**
 * Workflows' titles now, so a run is named for people from the first answer rather than by its workflow's
 * id until a list of workflows arrives: a lookup from this process's directory copy (store/directory-cache.ts),
 * which reads from the store a workflow the copy does not hold yet (applied by another process a moment ago).
 */
export async function workflowTitleLookup(app: AppContext): Promise<(workflowId: string) => Promise<string>> {
  const titles = new Map((await app.engine.store.listWorkflows({ cached: true })).map((workflow): [string, Promise<string>] => [workflow.id, Promise.resolve(workflow.title)]));
  return (workflowId) => {
    // Kept as a promise: the runs of a page named at once ask the store once for a workflow the copy lacks, not once each.
    let title = titles.get(workflowId);
    if (title === undefined) titles.set(workflowId, (title = storedTitle(app, workflowId)));
    return title;
  };
}

async function storedTitle(app: AppContext, workflowId: string): Promise<string> {
  const workflow = await app.engine.store.getWorkflow(workflowId);
  // Workflows are never removed, and runs, events and tasks reference theirs: an absent one is a broken store, not a title to guess.
  if (!workflow) throw new Error(`the workflow "${workflowId}" is not in the store`);
  return workflow.title;
}

/**
 * The titles of the workflows `workflowIds` names (repeats welcome), looked up once each, for an answer that names
 * many things' workflows (a page of events, of approval tasks). The lookup answers only the ids it was given.
 */
export async function workflowTitles(app: AppContext, workflowIds: Iterable<string>): Promise<(workflowId: string) => string> {
  const lookup = await workflowTitleLookup(app);
  const titles = new Map(await Promise.all([...new Set(workflowIds)].map(async (id): Promise<[string, string]> => [id, await lookup(id)])));
  return (workflowId) => {
    const title = titles.get(workflowId);
    if (title === undefined) throw new Error(`the workflow "${workflowId}" was not among those whose titles were read`);
    return title;
  };
}

/**
 * The id and title now of the workflow a person named (a filter in a URL), so a page names it from its first answer;
 * undefined when no workflow has that id, which a filter may well name.
 */
export async function namedWorkflow(app: AppContext, workflowId: string): Promise<{ id: string; title: string } | undefined> {
  const workflow = await app.engine.store.getWorkflow(workflowId);
  return workflow === undefined ? undefined : { id: workflow.id, title: workflow.title };
}
