/**
 * Where a step is in the Workflow document, from its graph node id (as GET .../graph and the
 * builder name nodes): `refund` is `['steps', i]`; `fanout/1/notify` is the step `notify` in branch 1
 * of the parallel step `fanout`; `each`, `*`, `charge` joined by slashes is `charge` in the body of
 * the foreach step `each` (`*` stands for any iteration).
 */

type Doc = Record<string, unknown>;
export type Keys = (string | number)[];

export interface StepScope {
  /** The step's keys in the document, e.g. `['steps', 2]` or `['steps', 0, 'branches', 1, 'steps', 0]`. */
  keys: Keys;
  /** The steps that ran before it on any path: earlier siblings, and those of each enclosing list. */
  earlier: Doc[];
  /** The foreach steps it is inside, innermost last (their `as` variables are in scope). */
  loops: Doc[];
}

function stepList(value: unknown): Doc[] {
  return Array.isArray(value) ? value.filter((item): item is Doc => item !== null && typeof item === 'object' && !Array.isArray(item)) : [];
}

/** The scope of the step at `path` (a graph node id), or null when the definition holds no such step. */
export function stepScope(definition: Doc, path: string): StepScope | null {
  const segments = path.split('/');
  let list = stepList(definition.steps);
  let keys: Keys = ['steps'];
  const earlier: Doc[] = [];
  const loops: Doc[] = [];
  for (let index = 0; index < segments.length; index += 2) {
    const position = list.findIndex((step) => step.id === segments[index]);
    const step = list[position];
    if (step === undefined) return null;
    keys = [...keys, position];
    earlier.push(...list.slice(0, position));
    const nested = segments[index + 1];
    if (nested === undefined) return { keys, earlier, loops };
    if (step.type === 'foreach' && nested === '*') {
      loops.push(step);
      list = stepList(step.steps);
      keys = [...keys, 'steps'];
    } else if (step.type === 'parallel' && /^\d+$/.test(nested)) {
      const branch = stepList(step.branches)[Number(nested)];
      if (branch === undefined) return null;
      list = stepList(branch.steps);
      keys = [...keys, 'branches', Number(nested), 'steps'];
    } else {
      return null;
    }
  }
  return null;
}
