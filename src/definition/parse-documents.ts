import { isMap, isNode, isScalar, isSeq, LineCounter, parseAllDocuments } from 'yaml';
import type { Document as YamlDocument, Node as YamlNode } from 'yaml';
import { InvalidInputError } from '../core/errors.ts';
import type { Issue } from '../core/errors.ts';
import type { PathKey } from './definition-issue.ts';

/** A 1-based line and column in a source file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** One document of a definition file, before validation. */
export interface ParsedDocument {
  /** The document as plain data (what the YAML or JSON says). */
  value: unknown;
  /** Its position among the documents of its file, from 0. */
  index: number;
  /** The file name, when it came from a file. */
  source?: string | undefined;
  /**
   * Where the value at `keys` starts in the source, or where its nearest
   * present parent starts when it is missing. `at: 'key'` gives the position of
   * the field name instead of its value. Undefined for documents not made from text.
   */
  locate(keys: readonly PathKey[], options?: { at?: 'key' | 'value' }): SourcePosition | undefined;
}

export interface ParseOptions {
  /** The file name, used in error locations. */
  source?: string;
}

/**
 * Parses YAML (or JSON, which is YAML) holding one or more documents separated
 * by `---`. Empty documents are skipped.
 *
 * @throws InvalidInputError `definition_invalid` listing every syntax error as `file:line:col`.
 * @example parseDocuments(text, { source: 'customer-refund.yaml' })
 */
export function parseDocuments(text: string, options: ParseOptions = {}): ParsedDocument[] {
  const { documents, issues } = parseDocumentsCollecting(text, options);
  if (issues.length > 0) throw syntaxError(issues);
  return documents;
}

/** Like parseDocuments, but returns syntax errors instead of throwing (to collect them over many files). */
export function parseDocumentsCollecting(text: string, options: ParseOptions = {}): { documents: ParsedDocument[]; issues: Issue[] } {
  const lineCounter = new LineCounter();
  const documents: ParsedDocument[] = [];
  const issues: Issue[] = [];
  const where = (line: number, column: number): string => `${options.source ?? '<input>'}:${line}:${column}`;
  parseAllDocuments(text, { lineCounter, prettyErrors: true }).forEach((yamlDocument, index) => {
    for (const error of yamlDocument.errors) {
      const position = error.linePos?.[0] ?? lineCounter.linePos(error.pos[0]);
      const path = where(position.line, position.col);
      issues.push({ path, message: `${path}: ${firstLine(error.message)}` });
    }
    if (yamlDocument.errors.length > 0 || isEmpty(yamlDocument.contents)) return;
    let value: unknown;
    try {
      value = yamlDocument.toJS({ maxAliasCount: 100 });
    } catch (error) {
      const start = lineCounter.linePos(yamlDocument.range[0]);
      const path = where(start.line, start.col);
      issues.push({ path, message: `${path}: ${error instanceof Error ? error.message : String(error)}` });
      return;
    }
    documents.push({
      value,
      index,
      source: options.source,
      locate: (keys, locateOptions) => locateIn(yamlDocument, lineCounter, keys, locateOptions?.at ?? 'value'),
    });
  });
  return { documents, issues };
}

/** A ParsedDocument for data that did not come from text (the API, the UI): it has no positions. */
export function documentFromValue(value: unknown, options: { index?: number; source?: string } = {}): ParsedDocument {
  return { value, index: options.index ?? 0, source: options.source, locate: () => undefined };
}

/** The error thrown for syntax errors, listing each. */
export function syntaxError(issues: readonly Issue[]): InvalidInputError {
  const count = issues.length === 1 ? '1 syntax error' : `${issues.length} syntax errors`;
  return new InvalidInputError(
    'definition_invalid',
    [`${count} in the definition; fix the YAML or JSON at these places:`, ...issues.map((issue) => `  ${issue.message}`)].join('\n'),
    issues,
    { path: issues[0]?.path },
  );
}

/** A document with nothing in it (only comments, or nothing between two `---`); an explicit `null` is not empty. */
function isEmpty(contents: YamlNode | null): boolean {
  return contents === null || (isScalar(contents) && contents.value === null && contents.range?.[0] === contents.range?.[1]);
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function locateIn(
  yamlDocument: YamlDocument.Parsed,
  lineCounter: LineCounter,
  keys: readonly PathKey[],
  at: 'key' | 'value',
): SourcePosition | undefined {
  let node: YamlNode | null = yamlDocument.contents;
  let keyNode: YamlNode | null = null;
  for (const key of keys) {
    const found = childOf(node, key);
    if (found === undefined) {
      keyNode = null;
      break;
    }
    [keyNode, node] = found;
  }
  const target = (at === 'key' ? keyNode : null) ?? node ?? keyNode;
  const offset = target?.range?.[0];
  if (offset === undefined) return undefined;
  const position = lineCounter.linePos(offset);
  return { line: position.line, column: position.col };
}

/** The [key node, value node] of one step down, or undefined when that child is not there. */
function childOf(node: YamlNode | null, key: PathKey): [YamlNode | null, YamlNode | null] | undefined {
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    return item === undefined ? undefined : [null, asNode(item)];
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      const pairKey = asNode(pair.key);
      const name = isScalar(pairKey) ? pairKey.value : undefined;
      if (name === key || (typeof name === 'number' && String(name) === String(key))) return [pairKey, asNode(pair.value)];
    }
  }
  return undefined;
}

function asNode(value: unknown): YamlNode | null {
  return isNode(value) ? value : null;
}
