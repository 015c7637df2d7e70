import type { PathKey, ReportIssue } from './definition-issue.ts';
import type { ServiceDocument, TriggerType, WorkflowDocument } from './schema.ts';

/** What the store knows of a workflow's triggers, for the offerings that name it. */
export interface StoredWorkflowTriggers {
  id: string;
  /** The newest published version's number; 0 when none is published. */
  newest: number;
  /** The trigger type of each published version (1 to `newest`) that could be read, by number. */
  versions: ReadonlyMap<number, TriggerType>;
  /** What `latest` runs now: the active version's trigger, else the newest version's, else the draft's; null when there is none. */
  latest: TriggerType | null;
}

export interface OfferingCheckOptions {
  /** The batch's workflows whose trigger is valid, by id. */
  batch: ReadonlyMap<string, WorkflowDocument>;
  /** The store's workflows, by id; left out (the store is not known), only what the batch holds is checked. */
  stored: ReadonlyMap<string, StoredWorkflowTriggers> | undefined;
  /** False when the batch's workflows are saved as drafts: they publish no version. */
  batchActivates: boolean;
  report: ReportIssue;
}

/**
 * Checks what one offering of a Service runs (at `keys`, `offerings[i]`): a
 * request submits the form of the workflow's `form` trigger, so the workflow
 * must start by a form at the version a request runs (`latest`, or the pinned
 * one), and a pinned version must exist. A workflow apply publishes in the
 * same batch counts as the next version. An offering whose workflow exists
 * nowhere is left to checkService, which names it.
 */
export function checkOfferingWorkflow(offering: ServiceDocument['offerings'][number], keys: readonly PathKey[], options: OfferingCheckOptions): void {
  const workflow = offering.workflow;
  const written = options.batch.get(workflow);
  const stored = options.stored?.get(workflow);
  if (written === undefined && stored === undefined) return;
  const published = stored?.newest ?? 0;
  if (offering.version === 'latest') {
    // A batch that publishes the workflow makes it what `latest` runs; a draft does so only while nothing is published.
    const trigger = written !== undefined && (options.batchActivates || published === 0) ? written.trigger.type : (stored?.latest ?? null);
    if (trigger !== null && trigger !== 'form') {
      options.report([...keys, 'workflow'], `workflow "${workflow}" starts by a ${trigger} trigger, so it has no form to offer; pick a workflow with a form trigger, or give "${workflow}" one`);
    }
    return;
  }
  const version = offering.version;
  const notForm = (trigger: TriggerType) =>
    options.report([...keys, 'version'], `version ${version} of workflow "${workflow}" starts by a ${trigger} trigger, so it has no form to offer; pin a version with a form trigger, or use latest`);
  const storedTrigger = stored?.versions.get(version);
  if (storedTrigger !== undefined) {
    if (storedTrigger !== 'form') notForm(storedTrigger);
    return;
  }
  // A stored version that could not be read is not judged here; the catalog says why it takes no requests.
  if (options.stored === undefined || (version >= 1 && version <= published)) return;
  // Apply publishes the batch's workflow as the next version (unless its definition is unchanged, when no version is made).
  if (written !== undefined && options.batchActivates && version === published + 1) {
    if (written.trigger.type !== 'form') notForm(written.trigger.type);
    return;
  }
  const has = published === 0 ? 'no published version yet' : published === 1 ? 'only version 1' : `versions 1 to ${published}`;
  options.report([...keys, 'version'], `workflow "${workflow}" has no version ${version} (it has ${has}); pin a published version, or use latest`);
}
