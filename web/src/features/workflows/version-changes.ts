import { diffLines } from 'diff';

/** How a step differs from the other version's, when two versions are compared. */
export type StepChange = 'added' | 'removed' | 'changed';

/** One line of a unified diff, with its number in the old text, the new text, or both. */
export interface DiffLine {
  kind: 'same' | 'added' | 'removed';
  /** Line number in the old text (1-based); null for an added line. */
  old: number | null;
  /** Line number in the new text (1-based); null for a removed line. */
  new: number | null;
  text: string;
}

/** A unified line diff of two texts, in order: removed lines before the lines that replace them. */
export function lineDiff(before: string, after: string): DiffLine[] {
  const lines: DiffLine[] = [];
  let oldNumber = 1;
  let newNumber = 1;
  for (const part of diffLines(before, after)) {
    const texts = part.value.replace(/\n$/, '').split('\n');
    for (const text of texts) {
      if (part.added) lines.push({ kind: 'added', old: null, new: newNumber++, text });
      else if (part.removed) lines.push({ kind: 'removed', old: oldNumber++, new: null, text });
      else lines.push({ kind: 'same', old: oldNumber++, new: newNumber++, text });
    }
  }
  return lines;
}

/** How the steps of two versions differ, per graph node id: what to mark on each version's graph. */
export interface StepChanges {
  /** On the old version's graph: steps the new one removed or changed. */
  before: Map<string, StepChange>;
  /** On the new version's graph: steps it added or changed. */
  after: Map<string, StepChange>;
}

/**
 * Compares two definitions step by step, by graph node id (the step path, `*` for a foreach's
 * iteration, as GET …/graph names them). A container is changed when its own fields are; the
 * steps of its body are compared on their own.
 */
export function stepChanges(before: unknown, after: unknown): StepChanges {
  const old = stepsByNode(before);
  const fresh = stepsByNode(after);
  const changes: StepChanges = { before: new Map(), after: new Map() };
  for (const [id, step] of old) {
    const other = fresh.get(id);
    if (other === undefined) changes.before.set(id, 'removed');
    else if (step !== other) changes.before.set(id, 'changed');
  }
  for (const [id, step] of fresh) {
    const other = old.get(id);
    if (other === undefined) changes.after.set(id, 'added');
    else if (step !== other) changes.after.set(id, 'changed');
  }
  return changes;
}

type Fields = Record<string, unknown>;
const isFields = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Each step's own fields (a container's body left out), by graph node id, keys sorted. */
function stepsByNode(definition: unknown): Map<string, string> {
  const steps = new Map<string, string>();
  const addList = (list: unknown, scope: string) => {
    if (!Array.isArray(list)) return;
    for (const step of list) {
      if (!isFields(step) || typeof step.id !== 'string') continue;
      const id = `${scope}${step.id}`;
      const { own, bodies } = splitBody(step);
      steps.set(id, JSON.stringify(sortedKeys(own)));
      bodies.forEach((body, position) => addList(body, `${id}/${step.type === 'foreach' ? '*' : String(position)}/`));
    }
  };
  addList(isFields(definition) ? definition.steps : undefined, '');
  return steps;
}

function splitBody(step: Fields): { own: Fields; bodies: unknown[] } {
  if (step.type === 'foreach') {
    const { steps, ...own } = step;
    return { own, bodies: [steps] };
  }
  if (step.type === 'parallel') {
    const { branches, ...own } = step;
    return { own, bodies: Array.isArray(branches) ? branches.map((branch) => (isFields(branch) ? branch.steps : undefined)) : [] };
  }
  return { own: step, bodies: [] };
}

/** The value with every object's keys in order, so the same data gives the same JSON. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (!isFields(value)) return value;
  return Object.fromEntries(Object.keys(value).sort().map((key) => [key, sortedKeys(value[key])]));
}
