/** Schemas of the template routes. */
import { z } from 'zod';

export const templateSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  trigger_type: z.string(),
  includes: z.array(z.string()).meta({ description: 'Other documents the template brings along, e.g. `Team risk`' }),
});

export const templateListResponseSchema = z.object({ templates: z.array(templateSchema) });

export const useTemplateRequest = z.strictObject({
  workflow_id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/).optional().meta({ description: 'The new workflow id; default the template id' }),
  activate: z.boolean().optional().meta({ description: 'Publish and activate at once; default false (a draft)' }),
});

/** The body may be left out: a draft under the template's id. */
export const useTemplateBody = useTemplateRequest.optional();

export const useTemplateResponseSchema = z.object({
  results: z.array(z.object({ kind: z.string(), id: z.string(), action: z.string(), version: z.number().int().optional() })),
});
