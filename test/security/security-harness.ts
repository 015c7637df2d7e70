/**
 * The whole HTTP server as production builds it (web app included), with
 * every route it registers captured: fastify announces each new instance on
 * the `fastify.initialization` diagnostics channel, where an `onRoute` hook is
 * added before any route exists, so routes registered outside `defineRoute`
 * (plugin scopes, static files) are listed too.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, RouteOptions } from 'fastify';
import { silentLogger } from '../../src/core/logger.ts';
import type { Permission } from '../../src/identity/permissions.ts';
import { buildServer } from '../../src/server/build-server.ts';
import type { ErrorBody } from '../../src/server/response-schemas.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

export interface CapturedRoute {
  method: string;
  url: string;
  public: boolean;
  permission: Permission | undefined;
}

export interface SecurityApi {
  t: TestSystem;
  server: FastifyInstance;
  routes: CapturedRoute[];
  /** The files of the throwaway web app the server serves at `/`. */
  webFiles: string[];
  call(options: InjectOptions): Promise<{ status: number; body: ErrorBody; text: string }>;
  close(): Promise<void>;
}

const INIT_CHANNEL = 'fastify.initialization';

/** A test system in auth mode `required` and its server, with the routes it registered. */
export async function startSecurityApi(options: Parameters<typeof createTestSystem>[0] = {}): Promise<SecurityApi> {
  const webRoot = mkdtempSync(join(tmpdir(), 'tollgate-web-'));
  mkdirSync(join(webRoot, 'assets'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>Tollgate</title>');
  writeFileSync(join(webRoot, 'assets', 'app.js'), 'void 0;');
  const t = await createTestSystem({ auth: 'required', ...options });
  const registered: RouteOptions[] = [];
  const onInit = (message: unknown): void => {
    const { fastify } = message as { fastify: FastifyInstance };
    fastify.addHook('onRoute', (route: RouteOptions) => void registered.push(route));
  };
  subscribe(INIT_CHANNEL, onInit);
  let server: FastifyInstance;
  try {
    server = await buildServer({ app: t.system.app, logger: silentLogger, webRoot });
    await server.ready();
  } finally {
    unsubscribe(INIT_CHANNEL, onInit);
  }
  // Read once all hooks ran: a plugin scope's own onRoute hook may still change a route's config after ours.
  const routes = registered.flatMap((route) =>
    [route.method].flat().map((method) => ({ method, url: route.url, public: route.config?.public === true, permission: route.config?.permission })),
  );
  return {
    t,
    server,
    routes,
    webFiles: ['/index.html', '/assets/app.js'],
    async call(inject) {
      const response = await server.inject(inject);
      return { status: response.statusCode, body: parsedOrUndefined(response.body) as ErrorBody, text: response.body };
    },
    async close() {
      await server.close();
      await t.close();
      rmSync(webRoot, { recursive: true, force: true });
    },
  };
}

function parsedOrUndefined(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `/api/v1/runs/:id` with every path parameter filled by `value`. */
export function concreteUrl(url: string, value = 'sec_unknown'): string {
  return url.replace(/:[A-Za-z_]+/g, value);
}
