import { isMap, isPair, isScalar, isSeq, parseAllDocuments, stringify, type Document, type Node } from 'yaml';

/** A stretch of the text, as character offsets (`to` is exclusive). */
export interface TextRange {
  from: number;
  to: number;
}

/** The text as one Workflow document, or what is wrong with it and where. */
export type ParsedYaml = { ok: true; definition: Record<string, unknown> } | { ok: false; message: string; range: TextRange };

/** The definition as the YAML the editor shows: keys in the object's order, long strings never folded. */
export function definitionToYaml(definition: Record<string, unknown>): string {
  return stringify(definition, { lineWidth: 0 });
}

/**
 * Parses the editor's text into a definition. A syntax error, more than one document, or a
 * document that is not a mapping is an error placed on the text it is about.
 */
export function parseYamlText(text: string): ParsedYaml {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents)) return { ok: false, message: 'The text is not YAML that can be read.', range: { from: 0, to: 0 } };
  const first = documents[0];
  if (first === undefined) return { ok: false, message: 'The text is empty: write one Workflow document (kind: Workflow, id, trigger, steps).', range: { from: 0, to: 0 } };
  for (const document of documents) {
    const error = document.errors[0];
    if (error !== undefined) return { ok: false, message: firstLine(error.message), range: { from: error.pos[0], to: Math.max(error.pos[1], error.pos[0]) } };
  }
  const second = documents[1];
  if (second !== undefined) {
    const start = second.range[0];
    return { ok: false, message: 'The editor holds one Workflow document: remove the second document (after `---`).', range: { from: start, to: lineEnd(text, start) } };
  }
  const value: unknown = first.toJS({ maxAliasCount: 100 });
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    const start = first.contents?.range[0] ?? 0;
    return { ok: false, message: 'The document must be a mapping: kind: Workflow, id, title, trigger and steps.', range: { from: start, to: lineEnd(text, start) } };
  }
  return { ok: true, definition: value as Record<string, unknown> };
}

/**
 * Where the value at `keys` (relative to the document, e.g. `['steps', 2, 'with', 'amount']`) is in
 * the text. A scalar is covered from its key to its value; a mapping or list from its key (or its
 * first line) to the end of that line, so a whole step is not underlined. A key that is not there
 * (a missing required field) falls back to the nearest enclosing one that is, and `exact` says so.
 * Null when the text does not parse as one document.
 */
export function rangeOfKeys(text: string, keys: readonly (string | number)[]): { range: TextRange; exact: boolean } | null {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.length !== 1) return null;
  const document = documents[0] as Document.Parsed;
  if (document.errors.length > 0) return null;
  let node: Node | null = document.contents;
  let keyStart: number | null = null;
  let depth = 0;
  for (const key of keys) {
    const next = childOf(node, key);
    if (next === null) break;
    node = next.node;
    keyStart = next.keyStart;
    depth += 1;
  }
  const exact = depth === keys.length;
  if (node === null || node.range === undefined || node.range === null) return { range: { from: 0, to: lineEnd(text, 0) }, exact: keys.length === 0 };
  const start = keyStart ?? node.range[0];
  if (isScalar(node)) return { range: { from: start, to: Math.max(node.range[1], start + 1) }, exact };
  return { range: { from: start, to: Math.max(lineEnd(text, start), start + 1) }, exact };
}

function childOf(node: Node | null, key: string | number): { node: Node; keyStart: number | null } | null {
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key) || String(pair.key.value) !== String(key)) continue;
      const value = pair.value;
      const keyStart = pair.key.range?.[0] ?? null;
      // `amount:` with nothing after it: the key alone is the place.
      if (!isScalar(value) && !isMap(value) && !isSeq(value)) return pair.key.range ? { node: pair.key, keyStart } : null;
      return { node: value, keyStart };
    }
    return null;
  }
  if (isSeq(node) && typeof key === 'number') {
    const item = node.items[key];
    if (isScalar(item) || isMap(item) || isSeq(item)) return { node: item, keyStart: null };
  }
  return null;
}

function lineEnd(text: string, from: number): number {
  const end = text.indexOf('\n', from);
  return end < 0 ? text.length : end;
}

/** The yaml package's message without the excerpt it appends after a colon: one sentence. */
function firstLine(message: string): string {
  const line = (message.split('\n')[0] ?? message).trim();
  return line.endsWith(':') ? `${line.slice(0, -1)}.` : line;
}

/** Whether two definitions hold the same data, whatever the order of their keys. */
export function sameDefinition(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((item, index) => sameDefinition(item, b[index]));
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  const keys = Object.keys(left).filter((key) => left[key] !== undefined);
  return keys.length === Object.keys(right).filter((key) => right[key] !== undefined).length && keys.every((key) => sameDefinition(left[key], right[key]));
}

/**
 * The smallest edit that turns `before` into `after`: the text between their common start and
 * common end. Applied as one change, an editor maps the cursor through it, so a cursor outside the
 * changed part stays where it was.
 */
export function smallestEdit(before: string, after: string): { from: number; to: number; insert: string } | null {
  if (before === after) return null;
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start += 1;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end]) end += 1;
  return { from: start, to: before.length - end, insert: after.slice(start, after.length - end) };
}
