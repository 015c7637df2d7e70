import { applyDefinitions, type ApplyResult } from '../application/apply-definitions.ts';
import { TollgateError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import { loadDefinitionFiles } from '../definition/load-definition-files.ts';
import type { TollgateSystem } from '../system/tollgate-system.ts';
import { examplesFolder } from './package-paths.ts';

export interface StartDefinitionsOptions {
  /** `-f` paths: files or folders. */
  files: readonly string[];
  /** Seed the repository's examples into an empty database. */
  examples: boolean;
  logger: Logger;
}

export interface StartDefinitions {
  results: ApplyResult[];
  /** What happened to the examples, for the banner. */
  examples: 'seeded' | 'kept' | 'off' | 'missing' | 'invalid';
}

/**
 * Loads what `tollgate start` starts with. The `-f` files are applied on every
 * start (an unchanged workflow stays as it is) and must be valid, or start fails.
 * The examples are seeds: applied only into an empty database, so a workflow
 * someone deactivated or edited stays so across restarts.
 */
export async function loadStartDefinitions(system: TollgateSystem, options: StartDefinitionsOptions): Promise<StartDefinitions> {
  const empty = (await system.store.listWorkflows()).length === 0;
  const results: ApplyResult[] = [];
  let examples: StartDefinitions['examples'] = 'off';
  if (options.examples) {
    const folder = examplesFolder();
    if (folder === undefined) examples = 'missing';
    else if (!empty) examples = 'kept';
    else examples = await seedExamples(system, folder, options.logger, results);
  }
  if (options.files.length > 0) {
    results.push(...(await applyDefinitions(system.app, await loadDefinitionFiles(options.files))).results);
  }
  return { results, examples };
}

async function seedExamples(system: TollgateSystem, folder: string, logger: Logger, results: ApplyResult[]): Promise<StartDefinitions['examples']> {
  try {
    results.push(...(await applyDefinitions(system.app, await loadDefinitionFiles([folder]), { annotation: 'example' })).results);
    return 'seeded';
  } catch (error) {
    // The examples are a convenience; a problem in them must not stop someone's own workflows from running.
    if (!(error instanceof TollgateError)) throw error;
    logger.warn({ folder, code: error.code }, 'the examples were not loaded');
    const reason = (error.message.split('\n')[0] ?? error.code).replace(/[:;.]\s*$/, '');
    process.stderr.write(`warning: the examples were not loaded: ${reason}; see \`tollgate validate -f ${folder}\`\n`);
    return 'invalid';
  }
}
