import { NotFoundError } from '../core/errors.ts';
import type { WorkflowDocument } from '../definition/schema.ts';
import type { Store } from '../store/store.ts';

const MAX_ENTRIES = 500;

/** Published versions are immutable, so each is read, upgraded and validated once per process (store/row-mappers.ts). */
export class DefinitionCache {
  readonly #store: Store;
  readonly #entries = new Map<string, Promise<WorkflowDocument>>();

  constructor(store: Store) {
    this.#store = store;
  }

  get(workflowId: string, version: number): Promise<WorkflowDocument> {
    const key = `${workflowId}@${version}`;
    let entry = this.#entries.get(key);
    if (!entry) {
      entry = this.#load(workflowId, version);
      entry.catch(() => this.#entries.delete(key));
      if (this.#entries.size >= MAX_ENTRIES) {
        const oldest = this.#entries.keys().next().value;
        if (oldest !== undefined) this.#entries.delete(oldest);
      }
      this.#entries.set(key, entry);
    }
    return entry;
  }

  async #load(workflowId: string, version: number): Promise<WorkflowDocument> {
    const record = await this.#store.getVersion(workflowId, version);
    if (!record) throw new NotFoundError('version_not_found', `workflow "${workflowId}" has no version ${version}`);
    return record.definition;
  }
}
