/**
 * Reading a stored definition column: the format check and schema validation
 * of definition/stored-definition.ts, done once per distinct stored text. A
 * workflow's draft is read at every run start and every event intake; its
 * validation costs far more than its JSON parse, so a text already found
 * valid is only parsed again (each read still gets its own object to keep).
 */
import { LruCache } from '../expression/lru-cache.ts';
import { readStoredDefinition } from '../definition/stored-definition.ts';
import type { WorkflowDocument } from '../definition/schema.ts';

/** Validated definitions (as JSON) by their format and stored text: a few hundred workflows' drafts and versions. */
const validated = new LruCache<string, string>(512);

export function readDefinitionColumn(input: { workflowId: string; version: number | 'draft'; format: number; text: string }): WorkflowDocument {
  const key = `${input.format}\n${input.text}`;
  const known = validated.get(key);
  if (known !== undefined) return JSON.parse(known) as WorkflowDocument;
  const document = readStoredDefinition({ workflowId: input.workflowId, version: input.version, format: input.format, value: JSON.parse(input.text) });
  validated.set(key, JSON.stringify(document));
  return document;
}
