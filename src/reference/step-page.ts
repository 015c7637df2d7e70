import { STEP_TYPES, stepDescriptors } from '../definition/steps/index.ts';
import type { StepType } from '../definition/steps/index.ts';
import { blocks, GENERATED_NOTICE } from './markdown.ts';
import { stepDoc } from './schema-fields.ts';
import { variantSection } from './variant-section.ts';

/** The reference of one step type, as `tollgate docs TYPE` prints it and docs/steps.md holds it. */
export function stepSection(type: StepType): string {
  const { example, notes } = stepDescriptors[type].reference;
  return variantSection({ heading: `Step: ${type}`, doc: stepDoc(type), example, ...(notes === undefined ? {} : { notes }) });
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
