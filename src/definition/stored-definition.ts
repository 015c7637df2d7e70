/**
 * Stored definitions (a workflow's draft, a published version) carry the
 * format they were written in. Reading one upgrades a known older format
 * through the chain below, refuses a newer one, and validates the result with
 * the workflow schema, so a definition the engine cannot run is a coded error
 * where it is read, naming the workflow and version, not a crash later.
 */
import { TollgateError } from '../core/errors.ts';
import { formatPath, type PathKey } from './definition-issue.ts';
import { checkDocumentSchema } from './schema-check.ts';
import type { WorkflowDocument } from './schema.ts';

/** The format this build writes, and the newest it reads. */
export const DEFINITION_FORMAT = 1;

/** Turns a definition of format `from` into format `from + 1`. */
export interface DefinitionUpgrade {
  from: number;
  upgrade: (definition: unknown) => unknown;
}

/**
 * The upgrades from older formats, oldest first. Format 1 is the first there
 * was, so there are none yet; a change to the stored shape adds one here and
 * bumps DEFINITION_FORMAT.
 */
export const DEFINITION_UPGRADES: readonly DefinitionUpgrade[] = [];

export interface StoredDefinition {
  workflowId: string;
  /** The published version, or `draft`. */
  version: number | 'draft';
  format: number;
  /** The definition as decoded from its JSON. */
  value: unknown;
}

export interface ReadOptions {
  /** The format to reach; DEFINITION_FORMAT unless a test says otherwise. */
  current?: number;
  upgrades?: readonly DefinitionUpgrade[];
}

/**
 * The stored definition as a valid workflow of the current format.
 * @throws TollgateError `definition_format_unsupported` for a format this build cannot read,
 * `stored_definition_invalid` for a definition the workflow schema refuses (with its first problem).
 * @example readStoredDefinition({ workflowId: 'refund', version: 3, format: 1, value: JSON.parse(row.definition) })
 */
export function readStoredDefinition(stored: StoredDefinition, options: ReadOptions = {}): WorkflowDocument {
  const current = options.current ?? DEFINITION_FORMAT;
  const upgrades = options.upgrades ?? DEFINITION_UPGRADES;
  const where = describe(stored);
  if (stored.format > current) throw unsupported(where, stored.format, current, 'it was written by a newer Tollgate; run that version or a later one');
  let value = stored.value;
  for (let format = stored.format; format < current; format += 1) {
    const step = upgrades.find((upgrade) => upgrade.from === format);
    if (step === undefined) throw unsupported(where, stored.format, current, `no upgrade from format ${format} exists`);
    value = step.upgrade(value);
  }
  return validWorkflow(value, where);
}

function validWorkflow(value: unknown, where: string): WorkflowDocument {
  let first: { keys: readonly PathKey[]; message: string } | undefined;
  const { document } = checkDocumentSchema(value, (keys, message) => {
    first ??= { keys, message };
  });
  if (document?.kind === 'Workflow') return document;
  const path = first === undefined ? '' : formatPath(first.keys);
  const problem = first === undefined ? `it is a ${document?.kind ?? 'other'} document, not a Workflow` : path === '' ? first.message : `${path}: ${first.message}`;
  throw new TollgateError(
    'stored_definition_invalid',
    `${where} is stored invalid: ${problem}; apply a corrected definition (\`tollgate apply -f\`) and publish it`,
    path === '' ? {} : { path },
  );
}

function unsupported(where: string, format: number, current: number, reason: string): TollgateError {
  return new TollgateError(
    'definition_format_unsupported',
    `${where} is stored in definition format ${format}; this build reads formats up to ${current} (${reason})`,
    { details: { format, supported: current } },
  );
}

function describe(stored: StoredDefinition): string {
  return stored.version === 'draft' ? `the draft of workflow "${stored.workflowId}"` : `version ${stored.version} of workflow "${stored.workflowId}"`;
}
