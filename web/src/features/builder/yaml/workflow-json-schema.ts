import { queryOptions } from '@tanstack/react-query';
import { api } from '../../../api/api-client.ts';

/** A JSON Schema, as plain data. */
export type JsonSchema = Record<string, unknown>;

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The Workflow part of the published definition schema, which covers every document kind
 * (`oneOf` Workflow, Team, Service, Connector): that branch with the shared `$defs` beside it, so
 * its `$ref`s still resolve. Null when the schema has no Workflow branch.
 */
export function workflowJsonSchema(documentSchema: JsonSchema): JsonSchema | null {
  const branches = documentSchema.oneOf ?? documentSchema.anyOf;
  if (!Array.isArray(branches)) return null;
  const workflow = branches.find((branch): branch is JsonSchema => isObject(branch) && isObject(branch.properties) && isObject(branch.properties.kind) && branch.properties.kind.const === 'Workflow');
  if (workflow === undefined) return null;
  // The editor names its source in each message by the schema's title.
  return { ...(documentSchema.$defs === undefined ? {} : { $defs: documentSchema.$defs }), ...workflow, title: 'Workflow schema' };
}

/** The published schema of a definition document (public, and the same for the server's lifetime). */
export const definitionSchemaQuery = queryOptions({
  queryKey: ['schema', 'definition'],
  queryFn: ({ signal }) => api<JsonSchema>('GET', '/schema/definition.json', { signal }),
  staleTime: Infinity,
});
