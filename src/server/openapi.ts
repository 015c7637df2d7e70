/**
 * The OpenAPI 3.1 document, generated from the route declarations and the
 * same zod schemas the routes validate with (request-schemas.ts) and answer
 * with (response-schemas.ts).
 */
import { z } from 'zod';
import type { RouteDoc } from './api-route.ts';
import { IDEMPOTENCY_HEADER, REPLAYED_HEADER } from './idempotency-plugin.ts';
import { requestComponents } from './request-schemas.ts';
import { responseComponents } from './response-schemas.ts';
import { featureRequestComponents, featureResponseComponents } from './feature-components.ts';

type JsonSchema = Record<string, unknown>;

/** What an `Idempotency-Key` may answer besides the route's own errors, on every route that takes one. */
const IDEMPOTENCY_MEANINGS = {
  409:
    'with an `Idempotency-Key`, `idempotency_key_in_use` (the first call still runs: retry shortly) ' +
    'or `idempotency_key_outcome_unknown` (the first call stopped before its answer was saved: check what it did, then use a new key)',
  422: '`idempotency_key_reused`: the `Idempotency-Key` was first used for another call (other parameters or body); send a new key',
} as const;

/**
 * Error statuses described alike on every route, as shared components. 422 is not among them: it means a reused
 * `Idempotency-Key` on the routes that take one (IDEMPOTENCY_KEY_REUSED) and something else where a route
 * describes it (RouteError), so a route cannot name it bare and be documented with another route's meaning.
 */
const ERROR_RESPONSES: Record<number, { name: string; description: string }> = {
  400: { name: 'BadRequest', description: 'The request is invalid: `request_invalid`, `definition_invalid` (with every issue), ...' },
  401: { name: 'Unauthorized', description: 'No valid credentials' },
  403: { name: 'Forbidden', description: 'The credentials do not allow this' },
  404: { name: 'NotFound', description: 'No such object, e.g. `run_not_found`, `workflow_not_found`' },
  409: { name: 'Conflict', description: `The object is not in a state that allows this, e.g. \`run_already_finished\`; or, ${IDEMPOTENCY_MEANINGS[409]}` },
  413: { name: 'BodyTooLarge', description: 'The body is too large' },
  415: { name: 'UnsupportedMediaType', description: 'The content-type is not accepted' },
  429: { name: 'TooManyRequests', description: '`rate_limited` or `login_locked`: wait as `Retry-After` says' },
  500: { name: 'InternalError', description: '`internal_error`: the server log has the detail' },
  503: { name: 'Unavailable', description: 'A dependency does not answer; try again later' },
};

/** 422 on a route that takes an `Idempotency-Key` and gives 422 no meaning of its own. */
const IDEMPOTENCY_KEY_REUSED = { name: 'IdempotencyKeyReused', description: IDEMPOTENCY_MEANINGS[422] };

const TAGS = [
  { name: 'definitions', description: 'Apply, validate and export definitions' },
  { name: 'workflows', description: 'Workflows, versions, publishing, status' },
  { name: 'runs', description: 'Runs and their step timelines' },
  { name: 'operations', description: 'Health probes and published schemas' },
];

/** Builds the document. Throws when a route names a body schema that is not a named component. */
export function openApiDocument(routes: readonly RouteDoc[]): JsonSchema {
  const names = new Map<z.ZodType, string>();
  for (const [name, schema] of [...Object.entries({ ...requestComponents, ...featureRequestComponents }), ...Object.entries({ ...responseComponents, ...featureResponseComponents })]) names.set(schema, name);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const path = route.url.replace(/:([A-Za-z_]+)/g, '{$1}');
    paths[path] = { ...paths[path], [route.method.toLowerCase()]: operationOf(route, names) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tollgate API',
      version: '1.0.0',
      description: 'Workflow automation for payment operations. Errors are `{error: {code, message, path?, issues?}}`; decide by `code`.',
    },
    jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
    tags: TAGS,
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      schemas: { ...componentSchemas({ ...requestComponents, ...featureRequestComponents }, 'input'), ...componentSchemas({ ...responseComponents, ...featureResponseComponents }, 'output') },
      responses: Object.fromEntries([...Object.values(ERROR_RESPONSES), IDEMPOTENCY_KEY_REUSED].map(({ name, description }) => [name, errorResponse(description)])),
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key, sent as `Authorization: Bearer <key>`' },
      },
    },
  };
}

function operationOf(route: RouteDoc, names: ReadonlyMap<z.ZodType, string>): Record<string, unknown> {
  const idempotent = route.idempotent === true;
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query'), ...(idempotent ? [IDEMPOTENCY_KEY_PARAMETER] : [])];
  const hasInput = parameters.length > 0 || route.body !== undefined;
  const success = successResponse(route, names);
  const responses: Record<string, unknown> = {
    [String(route.status)]: idempotent ? { ...success, headers: REPLAYED_RESPONSE_HEADERS } : success,
    ...errorResponsesOf(route, { hasInput, idempotent }),
  };
  return {
    operationId: route.operationId,
    summary: route.summary,
    ...(route.description === undefined ? {} : { description: route.description }),
    tags: [route.tag],
    ...(route.public ? { security: [] } : {}),
    ...(parameters.length === 0 ? {} : { parameters }),
    ...(route.body === undefined ? {} : { requestBody: requestBodyOf(route, route.body, names) }),
    responses,
  };
}

/**
 * A route's error responses: a shared component where the status means what it means everywhere, else the
 * route's own description (with what an `Idempotency-Key` may answer, on a route that takes one).
 */
function errorResponsesOf(route: RouteDoc, { hasInput, idempotent }: { hasInput: boolean; idempotent: boolean }): Record<string, unknown> {
  const own = new Map<number, string[]>();
  const statuses = new Set([...(hasInput ? [400] : []), ...(route.public ? [] : [401, 403]), ...(idempotent ? [409, 422] : []), ...(route.body === undefined ? [] : [413, 415]), 500]);
  for (const error of route.errors) {
    const status = typeof error === 'number' ? error : error.status;
    statuses.add(status);
    if (typeof error !== 'number') own.set(status, [...(own.get(status) ?? []), error.description]);
  }
  const responses: Record<string, unknown> = {};
  for (const status of [...statuses].sort()) {
    const meanings = own.get(status);
    if (meanings !== undefined) {
      const keyMeaning = idempotent && (status === 409 || status === 422) ? [IDEMPOTENCY_MEANINGS[status]] : [];
      responses[String(status)] = errorResponse([...meanings, ...keyMeaning].join('; or '));
      continue;
    }
    const shared = status === 422 ? (idempotent ? IDEMPOTENCY_KEY_REUSED : undefined) : ERROR_RESPONSES[status];
    if (shared === undefined) {
      const fix = status === 422 ? 'its meaning differs by route' : 'or add it to ERROR_RESPONSES in openapi.ts';
      throw new Error(`route ${route.method} ${route.url}: no error response described for ${status}; give it in the route's errors as { status: ${status}, description } (${fix})`);
    }
    responses[String(status)] = { $ref: `#/components/responses/${shared.name}` };
  }
  return responses;
}

function errorResponse(description: string): Record<string, unknown> {
  return { description, content: { 'application/json': { schema: ref('Error') } } };
}

/** The header of every idempotent route (see idempotency-plugin.ts). */
const IDEMPOTENCY_KEY_PARAMETER = {
  name: IDEMPOTENCY_HEADER,
  in: 'header',
  required: false,
  description:
    'Makes the call safe to retry (Stripe\'s semantics): a repeat with the same key and the same parameters and body gets the first answer again, ' +
    `marked \`${REPLAYED_HEADER}: true\`, without doing anything twice. The same key with another call: 422 \`idempotency_key_reused\`; while the first call runs: ` +
    '409 `idempotency_key_in_use`; when its outcome was never recorded: 409 `idempotency_key_outcome_unknown`. Keys belong to the caller and are kept 24 hours. ' +
    'A request refused before it started (invalid header, credentials or body) leaves the key free.',
  schema: { type: 'string', minLength: 1, maxLength: 255, pattern: '^[\\x20-\\x7E]+$' },
};

const REPLAYED_RESPONSE_HEADERS = {
  [REPLAYED_HEADER]: { description: '`true` when this is the saved answer of an earlier call with the same `Idempotency-Key`', schema: { type: 'string', enum: ['true'] } },
};

function successResponse(route: RouteDoc, names: ReadonlyMap<z.ZodType, string>): Record<string, unknown> {
  const { schema, textMediaTypes = [], description } = route.response;
  const content: Record<string, unknown> = { 'application/json': { schema: schema === undefined ? { type: 'object' } : refTo(schema, names, route) } };
  for (const mediaType of textMediaTypes) content[mediaType] = { schema: { type: 'string' } };
  return { description, content };
}

function requestBodyOf(route: RouteDoc, body: z.ZodType, names: ReadonlyMap<z.ZodType, string>): Record<string, unknown> {
  const optional = body instanceof z.ZodOptional;
  const inner = body instanceof z.ZodOptional ? (body.unwrap() as z.ZodType) : body;
  const content: Record<string, unknown> = { 'application/json': { schema: refTo(inner, names, route) } };
  for (const mediaType of route.textBodyMediaTypes ?? []) content[mediaType] = { schema: { type: 'string', description: 'YAML or JSON text' } };
  return { required: !optional, content };
}

/** One parameter per key of an object schema, with `required` and `description` where OpenAPI wants them. */
function parametersOf(schema: z.ZodType | undefined, location: 'path' | 'query'): Record<string, unknown>[] {
  if (schema === undefined) return [];
  const generated = toJsonSchema(schema, 'input');
  const properties = (generated.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set(Array.isArray(generated.required) ? generated.required : []);
  return Object.entries(properties).map(([name, property]) => {
    const { description, ...rest } = property;
    return {
      name,
      in: location,
      required: location === 'path' || required.has(name),
      ...(typeof description === 'string' ? { description } : {}),
      schema: rest,
    };
  });
}

function refTo(schema: z.ZodType, names: ReadonlyMap<z.ZodType, string>, route: RouteDoc): JsonSchema {
  const name = names.get(schema);
  if (name === undefined) {
    throw new Error(`route ${route.method} ${route.url}: its body schema is not a named component; add it to requestComponents or responseComponents`);
  }
  return ref(name);
}

function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

function componentSchemas(components: Record<string, z.ZodType>, io: 'input' | 'output'): Record<string, JsonSchema> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema, { id });
  const { schemas } = z.toJSONSchema(registry, {
    target: 'draft-2020-12',
    io,
    unrepresentable: 'any',
    cycles: 'ref',
    reused: 'inline',
    uri: (id) => `#/components/schemas/${id}`,
  });
  return Object.fromEntries(Object.entries(schemas).map(([id, schema]) => [id, withoutRootKeys(schema as JsonSchema)]));
}

function toJsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  return withoutRootKeys(z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }));
}

/** `$schema` and `$id` belong to standalone schemas, not to schemas inside an OpenAPI document. */
function withoutRootKeys(schema: JsonSchema): JsonSchema {
  const { $schema: _schema, $id: _id, ...rest } = schema;
  return rest;
}
