import { parsePath } from '../../../../../src/definition/definition-issue.ts';
import type { BuilderIssue } from '../builder-types.ts';
import { allStepPlaces, TRIGGER_NODE, type Draft, type Keys } from './draft-steps.ts';

/** An issue as `POST /api/v1/validate` answers it: `path` is `Workflow <id>: steps[2].with.amount`; `keys` when the server gives them. */
export interface ValidationIssue {
  path: string;
  message: string;
  keys?: Keys;
  severity?: string;
  document?: string;
}

/** `Workflow x: steps[2].with.amount` (or without the document prefix) as keys: `['steps', 2, 'with', 'amount']`. */
export function keysOfPath(path: string): Keys {
  const colon = path.indexOf(': ');
  const field = colon >= 0 ? path.slice(colon + 2) : path;
  return parsePath(field);
}

/** The API's issues in the builder's terms; the message loses its repeated `steps[0].x: ` prefix. */
export function builderIssues(issues: readonly ValidationIssue[]): BuilderIssue[] {
  return issues.map((issue) => {
    const keys = issue.keys ?? keysOfPath(issue.path);
    const colon = issue.path.indexOf(': ');
    const field = colon >= 0 ? issue.path.slice(colon + 2) : issue.path;
    const message = field !== '' && issue.message.startsWith(`${field}: `) ? issue.message.slice(field.length + 2) : issue.message;
    return { path: field, keys, message, severity: issue.severity === 'warning' ? 'warning' : 'error' };
  });
}

const startsWith = (keys: Keys, prefix: Keys): boolean => prefix.length <= keys.length && prefix.every((key, index) => keys[index] === key);

/** The graph node an issue belongs to: the innermost step whose keys start it, the trigger's, or null for the document itself. */
export function nodeOfKeys(draft: Draft, keys: Keys): string | null {
  if (keys[0] === 'trigger') return TRIGGER_NODE;
  let best: { nodeId: string; depth: number } | null = null;
  for (const place of allStepPlaces(draft)) {
    if (startsWith(keys, place.keys) && (best === null || place.keys.length > best.depth)) best = { nodeId: place.nodeId, depth: place.keys.length };
  }
  return best?.nodeId ?? null;
}

/** Issues per graph node id, and those of the document itself (id, title, an empty step list) under null. */
export function issuesByNode(draft: Draft, issues: readonly BuilderIssue[]): Map<string | null, BuilderIssue[]> {
  const byNode = new Map<string | null, BuilderIssue[]>();
  for (const issue of issues) {
    const node = nodeOfKeys(draft, issue.keys);
    byNode.set(node, [...(byNode.get(node) ?? []), issue]);
  }
  return byNode;
}
