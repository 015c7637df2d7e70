import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError, TransientError, UnauthorizedError } from '../../src/core/errors.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { buildServer } from '../../src/server/build-server.ts';
import type { RouteDoc } from '../../src/server/api-route.ts';
import { errorResponse } from '../../src/server/error-handler.ts';
import { openApiDocument } from '../../src/server/openapi.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { startApi } from './api-harness.ts';

interface OpenApi {
  openapi: string;
  paths: Record<string, Record<string, { operationId: string; parameters?: { name: string; in: string; required: boolean }[]; requestBody?: { content: Record<string, unknown> }; responses: Record<string, unknown>; security?: unknown[] }>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown> }>; securitySchemes: Record<string, { type: string; scheme: string }>; responses: Record<string, unknown> };
}

test('a body that is not JSON is 400 request_invalid at body', async () => {
  const api = await startApi();
  try {
    const answer = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/workflows/x/publish', headers: { 'content-type': 'application/json' }, payload: '{"annotation": ' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.code, 'request_invalid');
    assert.equal(answer.body.error.path, 'body');
    assert.equal(typeof answer.headers['x-request-id'], 'string');
  } finally {
    await api.close();
  }
});

test('an unsupported content type is 415; an unknown route is 404 route_not_found', async () => {
  const api = await startApi();
  try {
    const media = await api.call<ErrorBody>({ method: 'POST', url: '/api/v1/apply', headers: { 'content-type': 'application/xml' }, payload: '<a/>' });
    assert.equal(media.status, 415);
    assert.equal(media.body.error.code, 'media_type_unsupported');
    const route = await api.get<ErrorBody>('/api/v1/nothing');
    assert.equal(route.status, 404);
    assert.equal(route.body.error.code, 'route_not_found');
  } finally {
    await api.close();
  }
});

test('a route without a body refuses one', async () => {
  const api = await startApi();
  try {
    const answer = await api.post<ErrorBody>('/api/v1/runs/run_x/cancel', { reason: 'x' });
    assert.equal(answer.status, 400);
    assert.equal(answer.body.error.path, 'body');
  } finally {
    await api.close();
  }
});

test('errors map to statuses by class, in one place; unknown errors reveal nothing', () => {
  const cases: [Error, number, string][] = [
    [new InvalidInputError('request_invalid', 'bad input', [{ path: 'a', message: 'a: wrong' }]), 400, 'request_invalid'],
    [new UnauthorizedError('unauthenticated', 'x'), 401, 'unauthenticated'],
    [new ForbiddenError('forbidden', 'x'), 403, 'forbidden'],
    [new NotFoundError('run_not_found', 'x'), 404, 'run_not_found'],
    [new ConflictError('run_already_finished', 'x'), 409, 'run_already_finished'],
    [new TransientError('store_unavailable', 'x', { retryAfterMs: 1500 }), 503, 'store_unavailable'],
    [new Error('secret detail at /srv/db'), 500, 'internal_error'],
  ];
  for (const [error, status, code] of cases) {
    const response = errorResponse(error, 'req-1');
    assert.equal(response.statusCode, status, code);
    assert.equal(response.body.error.code, code);
  }
  assert.deepEqual(errorResponse(cases[0]![0], 'r').body.error.issues, [{ path: 'a', message: 'a: wrong' }]);
  assert.equal(errorResponse(cases[5]![0], 'r').headers['retry-after'], '2');
  const internal = JSON.stringify(errorResponse(new Error('secret detail at /srv/db'), 'req-9').body);
  assert.doesNotMatch(internal, /secret detail|srv|at /);
  assert.match(internal, /req-9/);
});

test('health and readiness answer', async () => {
  const api = await startApi();
  try {
    const health = await api.get<{ status: string }>('/healthz');
    assert.equal(health.status, 200);
    assert.equal(health.body.status, 'ok');
    const ready = await api.get<{ status: string; store: string }>('/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body.status, 'ready');
    assert.ok(['sqlite', 'postgres'].includes(ready.body.store));
  } finally {
    await api.close();
  }
});

test('readiness is 503 when the store does not answer', async () => {
  const api = await startApi();
  try {
    const real = api.t.system.store;
    const failing = new Proxy(real, {
      get(target, property) {
        if (property === 'nextDueAt') return () => Promise.reject(new Error('connection refused'));
        const value: unknown = Reflect.get(target, property, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const app = { ...api.t.system.app, engine: { ...api.t.system.app.engine, store: failing } };
    const server = await buildServer({ app, logger: silentLogger });
    const ready = await server.inject({ method: 'GET', url: '/readyz' });
    assert.equal(ready.statusCode, 503);
    const body = JSON.parse(ready.body) as ErrorBody;
    assert.equal(body.error.code, 'store_unavailable');
    assert.doesNotMatch(ready.body, /connection refused/);
    await server.close();
  } finally {
    await api.close();
  }
});

test('openapi.json is an OpenAPI 3.1 document listing every route with params, bodies, responses and the error shape', async () => {
  const api = await startApi();
  try {
    const answer = await api.get<OpenApi>('/api/v1/openapi.json');
    assert.equal(answer.status, 200);
    const document = JSON.parse(answer.text) as OpenApi;
    assert.equal(document.openapi, '3.1.0');

    const expected: [string, string][] = [
      ['get', '/healthz'],
      ['get', '/readyz'],
      ['post', '/api/v1/apply'],
      ['post', '/api/v1/validate'],
      ['get', '/api/v1/export'],
      ['get', '/api/v1/schema/definition.json'],
      ['get', '/api/v1/openapi.json'],
      ['get', '/api/v1/workflows'],
      ['get', '/api/v1/workflows/{id}'],
      ['get', '/api/v1/workflows/{id}/versions'],
      ['get', '/api/v1/workflows/{id}/versions/{version}'],
      ['post', '/api/v1/workflows/{id}/publish'],
      ['post', '/api/v1/workflows/{id}/activate'],
      ['post', '/api/v1/workflows/{id}/deactivate'],
      ['post', '/api/v1/workflows/{id}/archive'],
      ['post', '/api/v1/workflows/{id}/runs'],
      ['get', '/api/v1/runs'],
      ['get', '/api/v1/runs/{id}'],
      ['post', '/api/v1/runs/{id}/cancel'],
      ['post', '/api/v1/runs/{id}/retry'],
      ['get', '/api/v1/sandbox'],
      ['post', '/api/v1/sandbox/events'],
      ['get', '/api/v1/catalog'],
      ['get', '/api/v1/catalog/offerings/{id}'],
      ['post', '/api/v1/catalog/offerings/{id}/requests'],
      ['get', '/api/v1/requests'],
      ['get', '/api/v1/requests/{id}'],
      ['get', '/api/v1/requests/{id}/timeline'],
      ['post', '/api/v1/requests/{id}/cancel'],
      ['get', '/api/v1/approvals'],
      ['get', '/api/v1/approvals/{id}'],
      ['post', '/api/v1/approvals/{id}/decide'],
      ['post', '/api/v1/approvals/delegations'],
      ['get', '/api/v1/approvals/{id}/review'],
      ['get', '/api/v1/approvals/{id}/charge'],
      ['get', '/api/v1/approvals/{id}/emails'],
      ['get', '/api/v1/approvals/delegations'],
      ['post', '/api/v1/approvals/delegations/{id}/end'],
      ['get', '/api/v1/events'],
      ['get', '/api/v1/events/{id}'],
      ['get', '/api/v1/outbox'],
      ['get', '/api/v1/outbox/{id}'],
      ['get', '/api/v1/audit'],
      ['get', '/api/v1/audit/{seq}'],
      ['get', '/api/v1/audit/export'],
      ['get', '/api/v1/audit/verify'],
      ['get', '/api/v1/audit/anchor'],
      ['get', '/api/v1/policies'],
      ['get', '/api/v1/refund-reservations'],
      ['get', '/api/v1/reference/operations'],
      ['get', '/api/v1/reference/event-types'],
      ['get', '/api/v1/reference/event-types/{type}'],
      ['get', '/api/v1/reference/variables'],
      ['post', '/api/v1/workflows/{id}/steps/{step}/preview'],
      ['post', '/webhooks/workflows/{workflowId}'],
      ['post', '/webhooks/stripe/{connector}'],
      ['get', '/api/v1/templates'],
      ['get', '/metrics'],
      ['post', '/api/v1/templates/{id}/use'],
      ['post', '/api/v1/auth/login'],
      ['post', '/api/v1/auth/logout'],
      ['get', '/api/v1/auth/me'],
      ['post', '/api/v1/auth/password'],
      ['get', '/api/v1/users'],
      ['post', '/api/v1/users'],
      ['get', '/api/v1/users/{user}'],
      ['post', '/api/v1/users/{user}'],
      ['post', '/api/v1/users/{user}/unlock'],
      ['get', '/api/v1/api-keys'],
      ['post', '/api/v1/api-keys'],
      ['post', '/api/v1/api-keys/{id}/revoke'],
      ['get', '/api/v1/webhook-inbox'],
      ['get', '/api/v1/webhook-inbox/{id}'],
      ['get', '/api/v1/teams'],
      ['post', '/api/v1/teams'],
      ['post', '/api/v1/teams/{id}'],
      ['post', '/api/v1/teams/{id}/members'],
      ['post', '/api/v1/teams/{id}/members/remove'],
      ['get', '/api/v1/services'],
      ['post', '/api/v1/services'],
      ['post', '/api/v1/services/{id}'],
      ['get', '/api/v1/connector-types'],
      ['get', '/api/v1/connectors'],
      ['post', '/api/v1/connectors'],
      ['post', '/api/v1/connectors/{id}'],
      ['post', '/api/v1/connectors/{id}/variables'],
      ['get', '/api/v1/stats/runs'],
      ['get', '/api/v1/workflows/{id}/versions/{version}/graph'],
      ['post', '/api/v1/events/recover'],
      ['post', '/api/v1/events/{id}/replay'],
      ['post', '/api/v1/runs/{id}/wake'],
      ['post', '/api/v1/runs/retry'],
      ['post', '/api/v1/runs/cancel'],
      ['post', '/api/v1/preview'],
      ['post', '/api/v1/backtests'],
      ['get', '/api/v1/backtests/{id}'],
      ['get', '/api/v1/backtests/{id}/runs'],
      ['get', '/api/v1/views'],
      ['post', '/api/v1/views'],
      ['post', '/api/v1/views/{id}'],
      ['post', '/api/v1/views/{id}/delete'],
    ];
    const listed = Object.entries(document.paths).flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`));
    assert.deepEqual([...listed].sort(), expected.map(([method, path]) => `${method} ${path}`).sort());

    const runs = document.paths['/api/v1/runs']!.get!;
    const status = runs.parameters?.find((parameter) => parameter.name === 'status');
    assert.deepEqual({ in: status?.in, required: status?.required }, { in: 'query', required: false });
    assert.deepEqual((status as unknown as { schema: { enum: string[] } }).schema.enum, ['running', 'waiting', 'succeeded', 'failed', 'cancelled']);
    assert.ok(runs.parameters?.some((parameter) => parameter.name === 'cursor'));
    // Requests take the runs' window by submission time: the same names, ISO 8601 times.
    const timeWindow = (path: string) =>
      document.paths[path]!.get!.parameters?.filter((parameter) => parameter.name.startsWith('created_')).map((parameter) => [parameter.name, parameter.in, parameter.required, (parameter as unknown as { schema: { format: string } }).schema.format]);
    assert.deepEqual(timeWindow('/api/v1/requests'), [
      ['created_after', 'query', false, 'date-time'],
      ['created_before', 'query', false, 'date-time'],
    ]);
    assert.deepEqual(timeWindow('/api/v1/requests'), timeWindow('/api/v1/runs'));

    const version = document.paths['/api/v1/workflows/{id}/versions/{version}']!.get!;
    assert.deepEqual(version.parameters?.map((parameter) => [parameter.name, parameter.in, parameter.required]), [
      ['id', 'path', true],
      ['version', 'path', true],
    ]);
    assert.deepEqual(version.responses['404'], { $ref: '#/components/responses/NotFound' });

    const apply = document.paths['/api/v1/apply']!.post!;
    assert.deepEqual(Object.keys(apply.requestBody?.content ?? {}).sort(), ['application/json', 'application/yaml', 'text/plain', 'text/yaml']);
    assert.deepEqual(document.paths['/api/v1/workflows/{id}/runs']!.post!.responses['202'], {
      description: 'The run, as it stands once written',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/RunResponse' } } },
      headers: {
        'Idempotent-Replayed': {
          description: '`true` when this is the saved answer of an earlier call with the same `Idempotency-Key`',
          schema: { type: 'string', enum: ['true'] },
        },
      },
    });
    const idempotent = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.parameters?.some((parameter) => parameter.name === 'Idempotency-Key' && parameter.in === 'header'))
        .map(([method]) => `${method} ${path}`),
    );
    assert.deepEqual(idempotent.sort(), [
      'post /api/v1/apply',
      'post /api/v1/approvals/delegations',
      'post /api/v1/approvals/delegations/{id}/end',
      'post /api/v1/approvals/{id}/decide',
      'post /api/v1/backtests',
      'post /api/v1/catalog/offerings/{id}/requests',
      'post /api/v1/connectors',
      'post /api/v1/events/recover',
      'post /api/v1/events/{id}/replay',
      'post /api/v1/preview',
      'post /api/v1/requests/{id}/cancel',
      'post /api/v1/runs/cancel',
      'post /api/v1/runs/retry',
      'post /api/v1/runs/{id}/cancel',
      'post /api/v1/runs/{id}/retry',
      'post /api/v1/runs/{id}/wake',
      'post /api/v1/sandbox/events',
      'post /api/v1/services',
      'post /api/v1/teams',
      'post /api/v1/templates/{id}/use',
      'post /api/v1/views',
      'post /api/v1/workflows/{id}/publish',
      'post /api/v1/workflows/{id}/runs',
    ]);
    assert.deepEqual(document.paths['/api/v1/runs/{id}/retry']!.post!.responses['422'], { $ref: '#/components/responses/IdempotencyKeyReused' });
    // 422 means what the route says it means: Stripe's delivery takes no Idempotency-Key, its 422 is a thin event's object refused.
    const stripeDelivery = document.paths['/webhooks/stripe/{connector}']!.post!;
    assert.equal(stripeDelivery.parameters?.some((parameter) => parameter.name === 'Idempotency-Key'), false);
    const thin = stripeDelivery.responses['422'] as { description: string; content: unknown };
    assert.match(thin.description, /^`thin_event_object_unavailable`: /);
    assert.doesNotMatch(thin.description, /idempotency/i);
    assert.deepEqual(thin.content, { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } });
    assert.match((stripeDelivery.responses['503'] as { description: string }).description, /`intake_overloaded` or `thin_event_fetch_failed`/);
    assert.match((document.paths['/webhooks/workflows/{workflowId}']!.post!.responses['422'] as { description: string }).description, /^`idempotency_key_reused`: the `Idempotency-Key` \(or `webhook-id`\)/);
    // No route answers 422 in the shared component's name unless it takes an Idempotency-Key.
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const keyed = operation.parameters?.some((parameter) => parameter.name === 'Idempotency-Key') === true;
        const reused = JSON.stringify(operation.responses['422']) === JSON.stringify({ $ref: '#/components/responses/IdempotencyKeyReused' });
        assert.equal(reused, keyed, `${method} ${path}: 422 is IdempotencyKeyReused exactly when it takes an Idempotency-Key`);
      }
    }

    assert.ok(document.components.schemas.Error?.properties?.error, 'the error shape is a component');
    assert.ok(document.components.schemas.Run?.properties?.failed_step, 'runs are documented with snake_case keys');
    assert.deepEqual(document.components.securitySchemes.bearerAuth, { type: 'http', scheme: 'bearer', description: 'An API key, sent as `Authorization: Bearer <key>`' });
    assert.deepEqual(document.paths['/healthz']!.get!.security, [], 'probes need no credentials');

    const refs = [...answer.text.matchAll(/"\$ref":"#\/components\/(schemas|responses)\/([A-Za-z]+)"/g)];
    for (const [, kind, name] of refs) {
      const table = kind === 'schemas' ? document.components.schemas : document.components.responses;
      assert.ok(table[name!], `${kind}/${name} is defined`);
    }
  } finally {
    await api.close();
  }
});

test('a route gives 422 its own meaning, or takes an Idempotency-Key: the document never borrows another route’s', () => {
  const route = (overrides: Partial<RouteDoc>): RouteDoc => ({ method: 'POST', url: '/api/v1/things', operationId: 'makeThing', summary: 'Make a thing', tag: 'things', public: false, status: 201, response: { description: 'The thing' }, errors: [], ...overrides });
  const responsesOf = (doc: RouteDoc) => (openApiDocument([doc]) as unknown as OpenApi).paths['/api/v1/things']!.post!.responses;
  assert.throws(() => openApiDocument([route({ errors: [422] })]), /route POST \/api\/v1\/things: no error response described for 422; give it in the route's errors as \{ status: 422, description \}/);
  assert.deepEqual(responsesOf(route({ idempotent: true }))['422'], { $ref: '#/components/responses/IdempotencyKeyReused' });
  const own = '`thing_unavailable`: the thing is gone';
  assert.deepEqual(responsesOf(route({ errors: [{ status: 422, description: own }] }))['422'], { description: own, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  // Both meanings where a route that takes a key has its own 422 too.
  const both = responsesOf(route({ idempotent: true, errors: [{ status: 422, description: own }] }))['422'] as { description: string };
  assert.match(both.description, /^`thing_unavailable`: the thing is gone; or `idempotency_key_reused`: /);
});
