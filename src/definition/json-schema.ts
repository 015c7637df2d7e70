import { z } from 'zod';
import { documentSchema, fieldSchema, stepSchema, triggerSchema } from './schema.ts';

/** The `$id` of the published schema. */
export const DEFINITION_SCHEMA_ID = 'https://tollgate.dev/schemas/definition.json';

/**
 * The JSON Schema (draft 2020-12) of one definition document, generated from
 * the validation schema, as published with the API. It describes what may be
 * written: fields with defaults are optional. Steps, triggers and fields are
 * named definitions under `$defs` (steps nest, so `Step` refers to itself).
 * Checks that need the whole batch (step targets, variables, operations) are
 * beyond JSON Schema; validateDocuments runs those. Document kinds, triggers,
 * steps and their fields carry a `description`.
 */
export function definitionJsonSchema(): Record<string, unknown> {
  const names = describedRegistry();
  names.add(stepSchema, { id: 'Step', title: 'Step' });
  names.add(triggerSchema, { id: 'Trigger', title: 'Trigger' });
  names.add(fieldSchema, { id: 'Field', title: 'Form field' });
  const generated = z.toJSONSchema(documentSchema, {
    target: 'draft-2020-12',
    io: 'input',
    cycles: 'ref',
    reused: 'inline',
    unrepresentable: 'any',
    metadata: names,
  });
  return {
    ...generated,
    $id: DEFINITION_SCHEMA_ID,
    title: 'Tollgate definition document',
    description: 'One document of a Tollgate definition file: a Workflow, Team, Service or Connector.',
  };
}

/**
 * A registry of the `$defs` names that also yields the descriptions schema.ts
 * gives with `.describe()` / `.meta()` (kept in zod's global registry), so the
 * published schema explains every field.
 */
function describedRegistry(): z.core.$ZodRegistry<z.GlobalMeta> {
  const names = z.registry<z.GlobalMeta>();
  const own = names.get.bind(names);
  names.get = (schema) => {
    const meta = { ...z.globalRegistry.get(schema), ...own(schema) };
    return Object.keys(meta).length === 0 ? undefined : meta;
  };
  return names;
}
