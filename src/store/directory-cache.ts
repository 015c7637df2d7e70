import type { Kysely } from 'kysely';
import type { Database } from './database-schema.ts';
import { listConnectors, listTeams } from './directory-queries.ts';
import { listSealedVariables, type SealedVariables } from './connector-secret-store.ts';
import { readDirectoryVersion } from './directory-version.ts';
import type { ConnectorRecord, TeamRecord, WorkflowRecord } from './records.ts';
import { listWorkflows } from './workflow-queries.ts';

/** How long a process trusts its copy before it asks the database whether another process changed it. */
export const DIRECTORY_CHECK_MS = 500;

/**
 * Connectors (and their stored variables, sealed), teams and workflows in
 * memory: every action step resolves a connector, every webhook delivery
 * opens its connector's signing secrets, every team email looks up its
 * members, every intake batch looks for the workflows an event starts, and
 * these change only when someone applies a document (or activates, archives,
 * publishes, sets a connector variable). A change in this process drops the copy at once; a
 * change by another process is seen by the version row (directory-version.ts),
 * read at most once every `checkEveryMs`.
 */
export class DirectoryCache {
  readonly #db: Kysely<Database>;
  readonly #checkEveryMs: number;
  #version: number | undefined;
  #checkedAt = Number.NEGATIVE_INFINITY;
  #check: Promise<void> | undefined;
  #connectors: Promise<ConnectorRecord[]> | undefined;
  #sealedVariables: Promise<SealedVariables> | undefined;
  #teams: Promise<TeamRecord[]> | undefined;
  #workflows: Promise<WorkflowRecord[]> | undefined;

  constructor(db: Kysely<Database>, options: { checkEveryMs?: number } = {}) {
    this.#db = db;
    this.#checkEveryMs = options.checkEveryMs ?? DIRECTORY_CHECK_MS;
  }

  async connectors(): Promise<ConnectorRecord[]> {
    await this.#fresh();
    this.#connectors ??= this.#load(() => listConnectors(this.#db), () => (this.#connectors = undefined));
    return [...(await this.#connectors)];
  }

  /** The stored variables' sealed values, by connector and name (never opened here). */
  async sealedVariables(): Promise<SealedVariables> {
    await this.#fresh();
    this.#sealedVariables ??= this.#load(() => listSealedVariables(this.#db), () => (this.#sealedVariables = undefined));
    return this.#sealedVariables;
  }

  async teams(): Promise<TeamRecord[]> {
    await this.#fresh();
    this.#teams ??= this.#load(() => listTeams(this.#db), () => (this.#teams = undefined));
    return [...(await this.#teams)];
  }

  async workflows(): Promise<WorkflowRecord[]> {
    await this.#fresh();
    this.#workflows ??= this.#load(() => listWorkflows(this.#db), () => (this.#workflows = undefined));
    return [...(await this.#workflows)];
  }

  /** Drops the copy (this process changed connectors, teams or workflows). */
  invalidate(): void {
    this.#connectors = undefined;
    this.#sealedVariables = undefined;
    this.#teams = undefined;
    this.#workflows = undefined;
  }

  #load<T>(read: () => Promise<T>, forget: () => void): Promise<T> {
    const loading = read();
    // A failed read is not kept: the next call reads again.
    loading.catch(forget);
    return loading;
  }

  /** Reads the version when the last look is older than `checkEveryMs` (one look at a time); drops the copy when it moved. */
  async #fresh(): Promise<void> {
    if (performance.now() - this.#checkedAt < this.#checkEveryMs) return;
    this.#check ??= this.#readVersion().finally(() => (this.#check = undefined));
    await this.#check;
  }

  async #readVersion(): Promise<void> {
    const version = await readDirectoryVersion(this.#db);
    if (version !== this.#version) this.invalidate();
    this.#version = version;
    this.#checkedAt = performance.now();
  }
}
