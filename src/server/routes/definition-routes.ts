import { stringify } from 'yaml';
import type { AppContext } from '../../application/app-context.ts';
import { applyDefinitions } from '../../application/apply-definitions.ts';
import { exportDefinitions } from '../../application/export-definitions.ts';
import { validateDefinitions } from '../../application/validate-definitions.ts';
import { InvalidInputError } from '../../core/errors.ts';
import { definitionJsonSchema } from '../../definition/json-schema.ts';
import { documentFromValue, parseDocuments, type ParsedDocument } from '../../definition/parse-documents.ts';
import { defineRoute, TextReply, type ApiRoute } from '../api-route.ts';
import { DEFINITION_TEXT_MEDIA_TYPES } from '../body-parsers.ts';
import { applyQuery, definitionsPayload, exportQuery } from '../request-schemas.ts';
import { applyResponseSchema, exportResponseSchema, validateResponseSchema } from '../response-schemas.ts';
import { serializeApplyResult, warningsBody } from '../serializers.ts';

const definitionsBodyNote =
  'The body is JSON `{documents: [...]}`, or the YAML or JSON text of a definition file (several documents separated by `---`) ' +
  'sent as application/yaml, text/yaml or text/plain. Every problem is reported at once, with its path and fix.';

/** Apply, validate and export definitions; the definition JSON Schema. */
export function definitionRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/apply',
      operationId: 'applyDefinitions',
      idempotent: true,
      permission: 'definitions.apply',
      summary: 'Apply definitions: create or update workflows, teams, services and connectors',
      description: `Like \`kubectl apply\`: the whole batch is validated first and refused whole on any error. A changed workflow gets a new published version (or only a draft with \`draft=true\`); an unchanged one is left alone. Warnings (what may be intended, such as two active workflows that move money on one event) come with the results. A Team may not make users with roles beyond the caller's (403 \`grant_beyond_caller\`). ${definitionsBodyNote}`,
      tag: 'definitions',
      query: applyQuery,
      body: definitionsPayload,
      textBodyMediaTypes: DEFINITION_TEXT_MEDIA_TYPES,
      status: 200,
      response: { description: 'What happened to each document', schema: applyResponseSchema },
      async handle({ query, body, request }) {
        const applied = await applyDefinitions(app, documentsOf(body), {
          draft: query.draft ?? false,
          caller: request.caller,
          ...(query.annotation === undefined ? {} : { annotation: query.annotation }),
        });
        return { results: applied.results.map(serializeApplyResult), ...warningsBody(applied.warnings) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/validate',
      operationId: 'validateDefinitions',
      permission: 'workflows.read',
      summary: 'Validate definitions against what the server holds; nothing is saved',
      description: `${definitionsBodyNote} Errors answer 400 \`definition_invalid\`; warnings (what may be intended) come with a valid answer.`,
      tag: 'definitions',
      body: definitionsPayload,
      textBodyMediaTypes: DEFINITION_TEXT_MEDIA_TYPES,
      status: 200,
      response: { description: 'The definitions are valid', schema: validateResponseSchema },
      async handle({ body }) {
        const validated = await validateDefinitions(app, documentsOf(body));
        return { valid: true as const, ...warningsBody(validated.warnings) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/export',
      operationId: 'exportDefinitions',
      permission: 'workflows.read',
      summary: 'Export every definition as documents apply accepts',
      description:
        "Each workflow's latest published definition (its draft when never published), teams, services and connectors. Connector secrets are masked unless they are `{{ env.NAME }}` references.",
      tag: 'definitions',
      query: exportQuery,
      status: 200,
      response: { description: 'The documents', schema: exportResponseSchema, textMediaTypes: ['application/yaml'] },
      async handle({ query }) {
        const documents = await exportDefinitions(app);
        if (query.format === 'yaml') return new TextReply('application/yaml; charset=utf-8', documents.map((document) => stringify(document)).join('---\n'));
        return { documents };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/schema/definition.json',
      operationId: 'getDefinitionSchema',
      summary: 'The JSON Schema (draft 2020-12) of one definition document',
      tag: 'definitions',
      public: true,
      status: 200,
      response: { description: 'The JSON Schema' },
      handle: () => Promise.resolve(definitionJsonSchema()),
    }),
  ];
}

function documentsOf(body: string | { documents: Record<string, unknown>[] }): ParsedDocument[] {
  const documents = typeof body === 'string' ? parseDocuments(body) : body.documents.map((value, index) => documentFromValue(value, { index }));
  if (documents.length === 0) {
    throw new InvalidInputError('definition_invalid', 'the body holds no definition documents; send at least one Workflow, Team, Service or Connector', [], { path: 'body' });
  }
  return documents;
}
