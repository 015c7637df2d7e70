/**
 * The web app (web/, built into web/dist by `npm install`): its files under `/`, and index.html
 * for any other page a person opens (`/runs/run_…`), so the app's router takes over. API paths
 * keep their JSON 404.
 */
import { createReadStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** Where `npm install` (the `prepare` script: `npm run build:web`) puts the built app. */
export const DEFAULT_WEB_ROOT = fileURLToPath(new URL('../../web/dist', import.meta.url));

const NOT_PAGES = ['/api/', '/webhooks/', '/healthz', '/readyz', '/metrics', '/assets/'];

/** What answers a browser's request for a page that is no file: index.html, or undefined for anything else. */
export type PageFallback = (request: FastifyRequest, reply: FastifyReply) => FastifyReply | undefined;

/** Serves the built app from `root`; answers the page fallback for the not-found handler. */
export async function installWebApp(server: FastifyInstance, root: string = DEFAULT_WEB_ROOT): Promise<PageFallback> {
  if (!existsSync(join(root, 'index.html'))) return notBuilt(root);
  await server.register(async (scope) => {
    // The app's files are the same for everyone (the login page among them): no credentials needed.
    scope.addHook('onRoute', (route) => {
      route.config = { ...route.config, public: true };
    });
    await scope.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      cacheControl: false,
      // Built files carry a content hash in their names: cache them for good; index.html never.
      setHeaders: (response, path) => {
        response.setHeader('cache-control', path.startsWith(join(root, 'assets')) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
  });
  const index = join(root, 'index.html');
  return (request, reply) => (isPageRequest(request) ? reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(createReadStream(index)) : undefined);
}

function isPageRequest(request: FastifyRequest): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const path = request.url.split('?')[0] ?? '/';
  if (NOT_PAGES.some((prefix) => path.startsWith(prefix))) return false;
  return (request.headers.accept ?? '').includes('text/html');
}

/** Without a build the API still works; a browser is told how to build the app. */
function notBuilt(root: string): PageFallback {
  return (request, reply) => {
    if (!isPageRequest(request)) return undefined;
    return reply
      .code(503)
      .type('text/html; charset=utf-8')
      .send(`<!doctype html><title>Tollgate</title><h1>The web app is not built</h1><p>No <code>${root}/index.html</code>. Run <code>npm install</code> (or <code>npm run build:web</code>) and restart Tollgate. The API at <a href="/api/v1/openapi.json">/api/v1</a> works meanwhile.</p>`);
  };
}
