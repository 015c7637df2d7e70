/**
 * The API's answer types, inferred from the server's own zod schemas (type-only imports: nothing
 * of the server is bundled). One definition: a renamed field breaks the web app's typecheck.
 */
import type { z } from 'zod';
import type { meResponseSchema, userSchema } from '../../../src/server/identity-schemas.ts';

export type Me = z.infer<typeof meResponseSchema>;
export type User = z.infer<typeof userSchema>;
