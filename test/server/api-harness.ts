/** A Tollgate system with its HTTP API, called in-process through fastify's `inject`. */
import type { FastifyInstance, InjectOptions } from 'fastify';
import { silentLogger } from '../../src/core/logger.ts';
import { buildServer } from '../../src/server/build-server.ts';
import { createTestSystem, type TestSystem } from '../support/test-system.ts';

export interface ApiResponse<T> {
  status: number;
  headers: Record<string, unknown>;
  /** The decoded JSON body, as the caller expects it (undefined when the body is not JSON). */
  body: T;
  text: string;
}

export interface ApiHarness {
  t: TestSystem;
  server: FastifyInstance;
  call<T>(options: InjectOptions): Promise<ApiResponse<T>>;
  get<T>(url: string): Promise<ApiResponse<T>>;
  post<T>(url: string, payload?: object): Promise<ApiResponse<T>>;
  /** POSTs YAML text to /api/v1/apply (or another definitions endpoint). */
  postYaml<T>(url: string, yaml: string): Promise<ApiResponse<T>>;
  close(): Promise<void>;
}

export async function startApi(options: Parameters<typeof createTestSystem>[0] = {}): Promise<ApiHarness> {
  const t = await createTestSystem(options);
  const server = await buildServer({ app: t.system.app, logger: silentLogger });
  const call = async <T>(inject: InjectOptions): Promise<ApiResponse<T>> => {
    const response = await server.inject(inject);
    let body: unknown;
    try {
      body = JSON.parse(response.body);
    } catch {
      body = undefined;
    }
    return { status: response.statusCode, headers: response.headers, body: body as T, text: response.body };
  };
  return {
    t,
    server,
    call,
    get: <T>(url: string) => call<T>({ method: 'GET', url }),
    post: <T>(url: string, payload?: object) => call<T>({ method: 'POST', url, ...(payload === undefined ? {} : { payload }) }),
    postYaml: <T>(url: string, yaml: string) => call<T>({ method: 'POST', url, headers: { 'content-type': 'application/yaml' }, payload: yaml }),
    async close() {
      await server.close();
      await t.close();
    },
  };
}

/** A manual workflow with one required number input, a decision and an end. */
export const TRIAGE_YAML = `
kind: Workflow
id: triage
title: Triage
trigger:
  type: manual
  input:
    - { key: amount, type: number, required: true }
steps:
  - id: big
    type: decision
    branches:
      - when: amount >= 500
        next: mark_big
    otherwise: mark_small
  - id: mark_big
    type: set
    values: { size: big }
    next: done
  - id: mark_small
    type: set
    values: { size: small }
  - id: done
    type: end
    outcome: Sized
`;
