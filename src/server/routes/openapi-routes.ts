import { defineRoute, type ApiRoute, type RouteDoc } from '../api-route.ts';
import { openApiDocument } from '../openapi.ts';

/** The OpenAPI document of `routes()` (which includes this route), built once on first request. */
export function openApiRoutes(routes: () => readonly RouteDoc[]): ApiRoute[] {
  let document: Record<string, unknown> | undefined;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/openapi.json',
      operationId: 'getOpenApiDocument',
      summary: 'This API, as an OpenAPI 3.1 document',
      tag: 'operations',
      public: true,
      status: 200,
      response: { description: 'The OpenAPI document' },
      handle() {
        document ??= openApiDocument(routes());
        return Promise.resolve(document);
      },
    }),
  ];
}
