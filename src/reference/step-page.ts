import type { StepType } from '../definition/schema.ts';
import { blocks, GENERATED_NOTICE } from './markdown.ts';
import { stepDoc } from './schema-fields.ts';
import { STEP_EXAMPLES } from './step-examples.ts';
import { variantSection } from './variant-section.ts';

export const STEP_TYPES: readonly StepType[] = ['action', 'decision', 'approval', 'wait', 'parallel', 'foreach', 'set', 'workflow', 'end'];

/** What the schema cannot say about a step type: what it stores for later steps. */
const NOTES: Partial<Record<StepType, string>> = {
  action: 'Its result is stored under `output` (default the step id): `charge.amount` reads the `amount` of a step `charge`. The operations and their parameters are in [operations](operations.md).',
  approval: 'Its output is `{decision, comment, by, at, task}` plus the values of its `form`; `decision` is `approved`, `rejected` or `timed_out`.',
  parallel: 'Its output (under its id) is a list with, for each branch in order, the variables its steps set.',
  foreach: 'Inside, the item is the variable named by `as` and its position `<as>_index` (from 0). Its output is a list with, for each item in order, the variables its steps set.',
  workflow: 'Its output is `{run_id, status, outcome, variables}` of the run it started.',
  wait: 'A waiting run holds no worker. Its output is `{waited_until}`. In the sandbox or with a test key, `tollgate runs wake RUN` ends the wait now, to test what follows.',
};

/** The reference of one step type, as `tollgate docs TYPE` prints it and docs/steps.md holds it. */
export function stepSection(type: StepType): string {
  const notes = NOTES[type];
  return variantSection({ heading: `Step: ${type}`, doc: stepDoc(type), example: STEP_EXAMPLES[type], ...(notes === undefined ? {} : { notes }) });
}

export function stepsPage(): string {
  return [
    blocks(
      GENERATED_NOTICE,
      '# Steps',
      '`steps` is a list; a run starts at the first. Every step has an `id` (unique in the workflow) and may name `next`; without it the run goes on to the step below, and after the last step (or an `end` step) the run ends. Strings in `with`, `values` and `input` are templates (see [expressions](expressions.md)).',
    ),
    ...STEP_TYPES.map(stepSection),
  ].join('\n');
}
