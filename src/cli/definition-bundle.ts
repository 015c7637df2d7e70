import { readFile } from 'node:fs/promises';
import { loadDefinitionFiles } from '../definition/load-definition-files.ts';
import type { ApiIssue } from './api-types.ts';

/** The text of many definition files as one multi-document YAML body, and where each file starts in it. */
export interface DefinitionBundle {
  text: string;
  files: { path: string; firstLine: number; lineCount: number }[];
  documents: number;
}

/**
 * Reads the files (and the definition files under folders) for `apply`, after
 * checking their syntax here, so a syntax error names the file and line
 * instead of a line of the joined body.
 */
export async function bundleDefinitionFiles(paths: readonly string[]): Promise<DefinitionBundle> {
  const parsed = await loadDefinitionFiles(paths);
  const sources = [...new Set(parsed.flatMap((document) => (document.source === undefined ? [] : [document.source])))];
  const files: DefinitionBundle['files'] = [];
  const parts: string[] = [];
  let line = 1;
  for (const path of sources) {
    const text = (await readFile(path, 'utf8')).replace(/\n?$/, '\n');
    const lineCount = text.split('\n').length - 1;
    files.push({ path, firstLine: line, lineCount });
    parts.push(text);
    line += lineCount + 1; // the `---` line between files
  }
  return { text: parts.join('---\n'), files, documents: parsed.length };
}

/** Turns an issue's `<input>:line:col` (a line of the joined body) back into `file:line:col`. */
export function locateInBundle(bundle: DefinitionBundle, issue: ApiIssue): ApiIssue {
  const match = /^<input>:(\d+):(\d+)$/.exec(issue.location ?? '');
  if (!match) return issue;
  const line = Number(match[1]);
  const file = bundle.files.find((entry) => line >= entry.firstLine && line < entry.firstLine + entry.lineCount);
  if (file === undefined) return issue;
  return { ...issue, location: `${file.path}:${line - file.firstLine + 1}:${match[2]}` };
}
