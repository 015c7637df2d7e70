import type { TriggerType } from '../definition/schema.ts';
import { blocks, GENERATED_NOTICE } from './markdown.ts';
import { triggerDoc } from './schema-fields.ts';
import { TRIGGER_EXAMPLES } from './trigger-examples.ts';
import { variantSection } from './variant-section.ts';

export const TRIGGER_TYPES: readonly TriggerType[] = ['event', 'schedule', 'manual', 'form', 'webhook'];

/** The reference of one trigger type, as `tollgate docs TYPE` prints it and docs/triggers.md holds it. */
export function triggerSection(type: TriggerType): string {
  return variantSection({ heading: `Trigger: ${type}`, doc: triggerDoc(type), example: TRIGGER_EXAMPLES[type] });
}

export function triggersPage(): string {
  return [
    blocks(
      GENERATED_NOTICE,
      '# Triggers',
      'Every workflow has exactly one `trigger`, chosen by its `type`. It decides what starts a run and which variables the run starts with (see [variables](variables.md)).',
    ),
    ...TRIGGER_TYPES.map(triggerSection),
  ].join('\n');
}
