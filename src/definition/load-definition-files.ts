import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { InvalidInputError } from '../core/errors.ts';
import type { Issue } from '../core/errors.ts';
import { parseDocumentsCollecting, syntaxError } from './parse-documents.ts';
import type { ParsedDocument } from './parse-documents.ts';

const DEFINITION_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

/**
 * Reads definition files, and the *.yaml, *.yml and *.json files under
 * directories (recursively, in name order), and parses every document in them.
 * Each document's `source` is its file's path as found.
 *
 * @throws InvalidInputError `definition_path_invalid` for a missing path or a directory with no definition files;
 *   `definition_invalid` listing the syntax errors of all files.
 * @example const documents = await loadDefinitionFiles(['examples/'])
 */
export async function loadDefinitionFiles(paths: readonly string[]): Promise<ParsedDocument[]> {
  const files: string[] = [];
  for (const path of paths) files.push(...(await definitionFilesAt(path)));
  const documents: ParsedDocument[] = [];
  const issues: Issue[] = [];
  for (const file of files) {
    const parsed = parseDocumentsCollecting(await readFile(file, 'utf8'), { source: file });
    documents.push(...parsed.documents);
    issues.push(...parsed.issues);
  }
  if (issues.length > 0) throw syntaxError(issues);
  return documents;
}

async function definitionFilesAt(path: string): Promise<string[]> {
  const info = await stat(path).catch(() => undefined);
  if (info === undefined) {
    throw new InvalidInputError('definition_path_invalid', `${path}: no such file or directory; pass a .yaml, .yml or .json file, or a directory of them`, [], { path });
  }
  if (!info.isDirectory()) return [path];
  const found = await definitionFilesUnder(path);
  if (found.length === 0) {
    throw new InvalidInputError('definition_path_invalid', `${path}: the directory holds no .yaml, .yml or .json files; pass a directory of definitions or the files themselves`, [], { path });
  }
  return found;
}

async function definitionFilesUnder(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: string[] = [];
  for (const entry of entries) {
    const path = join(directory, entry.name);
    if (entry.isDirectory() && !entry.name.startsWith('.')) files.push(...(await definitionFilesUnder(path)));
    else if (entry.isFile() && DEFINITION_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(path);
  }
  return files;
}
