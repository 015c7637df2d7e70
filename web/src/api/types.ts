/**
 * The API's answer types, inferred from the server's own zod schemas (type-only imports: nothing
 * of the server is bundled). One definition: a renamed field breaks the web app's typecheck.
 */
import type { z } from 'zod';
import type { meResponseSchema, userSchema } from '../../../src/server/identity-schemas.ts';

export type Me = z.infer<typeof meResponseSchema>;
export type User = z.infer<typeof userSchema>;

// Settings (teams, users, API keys, connectors)
import type { apiKeyCreatedResponseSchema, apiKeySchema } from '../../../src/server/identity-schemas.ts';
import type { teamChangeResponseSchema, teamSchema } from '../../../src/server/team-schemas.ts';
import type { connectorSchema } from '../../../src/server/connector-schemas.ts';
export type ApiKey = z.infer<typeof apiKeySchema>;
export type ApiKeyCreated = z.infer<typeof apiKeyCreatedResponseSchema>;
export type Team = z.infer<typeof teamSchema>;
export type TeamChange = z.infer<typeof teamChangeResponseSchema>;
export type Connector = z.infer<typeof connectorSchema>;
