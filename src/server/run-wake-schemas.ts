/** Response schema of POST /api/v1/runs/{id}/wake. */
import { z } from 'zod';
import { runSchema } from './response-schemas.ts';

export const runWakeResponseSchema = z.object({
  run: runSchema,
  woken: z
    .array(z.object({ step: z.string().meta({ description: 'The step path' }), due_at: z.iso.datetime().meta({ description: 'When it was due before the wake' }) }))
    .meta({ description: 'The steps that waited on time and are due now' }),
});
