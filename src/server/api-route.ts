/**
 * How an API route is declared: its method, URL, zod schemas for each request
 * part and for the response, and a handler that receives the parsed parts.
 * The same declaration registers the fastify route and feeds the OpenAPI
 * document, so what is validated is what is documented.
 */
import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { InvalidInputError } from '../core/errors.ts';
import { definitionErrorMap } from '../definition/zod-issue-message.ts';
import type { Permission } from '../identity/permissions.ts';
import type { SavedAnswer } from '../store/idempotency-store.ts';
import { isEmptyBody } from './empty-body.ts';
import { sendIdempotently } from './idempotency-plugin.ts';
import { requestIssues, type RequestPart } from './request-issues.ts';

export type HttpMethod = 'GET' | 'POST';

export interface ResponseSpec<R = unknown> {
  description: string;
  /** The JSON body; a schema named in response-schemas.ts `responseComponents`, or left out for a free-form object. */
  schema?: z.ZodType<R>;
  /** Other media types the route may answer with instead of JSON, as text (e.g. `application/yaml`). */
  textMediaTypes?: readonly string[];
}

/**
 * An error status whose meaning on a route is its own, with the codes it answers, e.g. 422
 * `thin_event_object_unavailable` where most routes answer 422 only for a reused `Idempotency-Key`.
 */
export interface RouteError {
  status: number;
  description: string;
}

/** What a route declares about itself, for the OpenAPI document. */
export interface RouteDoc {
  method: HttpMethod;
  /** fastify style: `/api/v1/runs/:id`. */
  url: string;
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Answers without credentials (see authenticate.ts). */
  public: boolean;
  /** What the caller must be allowed to do (identity/permissions.ts); a non-public route without one needs `identity.admin`. */
  permission?: Permission;
  /** An object schema: one path parameter per key. */
  params?: z.ZodType;
  /** An object schema: one query parameter per key. */
  query?: z.ZodType;
  body?: z.ZodType;
  /** Media types besides JSON whose text the body may be. */
  textBodyMediaTypes?: readonly string[];
  /**
   * A JSON body is checked (size, depth) but not parsed: the handler reads `request.rawBody`. For a signed
   * delivery whose verifier parses the text itself, once, after the signature holds.
   */
  jsonAsText?: boolean;
  status: number;
  response: ResponseSpec;
  /**
   * Error statuses this route may answer besides 400/401/403/500 (which every route may): a status the document
   * describes alike on every route (openapi.ts ERROR_RESPONSES), or one whose meaning is this route's own.
   */
  errors: readonly (number | RouteError)[];
  /** Takes an `Idempotency-Key` header (idempotency-plugin.ts): for POSTs that start work or decide something. */
  idempotent?: boolean;
}

export interface RouteInput<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** A text answer (e.g. YAML) instead of JSON. */
export class TextReply {
  readonly mediaType: string;
  readonly text: string;
  constructor(mediaType: string, text: string) {
    this.mediaType = mediaType;
    this.text = text;
  }
}

/** A text answer sent as it is produced (a large export), instead of JSON. */
export class StreamReply {
  readonly mediaType: string;
  readonly chunks: AsyncIterable<string>;
  /** `Content-Disposition: attachment` with this file name, when given. */
  readonly fileName: string | undefined;
  constructor(mediaType: string, chunks: AsyncIterable<string>, fileName?: string) {
    this.mediaType = mediaType;
    this.chunks = chunks;
    this.fileName = fileName;
  }
}

export interface RouteSpec<P, Q, B, R> extends Omit<RouteDoc, 'params' | 'query' | 'body' | 'public' | 'errors' | 'response'> {
  public?: boolean;
  /** The handler's answer must have the type of the documented schema. */
  response: ResponseSpec<R>;
  params?: z.ZodType<P>;
  query?: z.ZodType<Q>;
  body?: z.ZodType<B>;
  errors?: readonly (number | RouteError)[];
  handle(input: RouteInput<P, Q, B>): Promise<NoInfer<R> | TextReply | StreamReply>;
}

/** A declared route: its documentation and how to register it. */
export interface ApiRoute {
  doc: RouteDoc;
  register(server: FastifyInstance): void;
}

const noInput = z.strictObject({});

/**
 * Declares a route. Path parameters, query and body are parsed with their
 * schemas before the handler runs; a failure is a 400 `request_invalid` with
 * one issue per problem (`query.limit: must be at most 200`). A route without
 * a body schema accepts no body.
 */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined, R = unknown>(spec: RouteSpec<P, Q, B, R>): ApiRoute {
  const doc: RouteDoc = {
    method: spec.method,
    url: spec.url,
    operationId: spec.operationId,
    summary: spec.summary,
    tag: spec.tag,
    public: spec.public ?? false,
    ...(spec.permission === undefined ? {} : { permission: spec.permission }),
    status: spec.status,
    response: spec.response,
    errors: spec.errors ?? [],
    ...(spec.idempotent === true ? { idempotent: true } : {}),
    ...(spec.description === undefined ? {} : { description: spec.description }),
    ...(spec.params === undefined ? {} : { params: spec.params }),
    ...(spec.query === undefined ? {} : { query: spec.query }),
    ...(spec.body === undefined ? {} : { body: spec.body }),
    ...(spec.textBodyMediaTypes === undefined ? {} : { textBodyMediaTypes: spec.textBodyMediaTypes }),
    ...(spec.jsonAsText === true ? { jsonAsText: true } : {}),
  };
  return {
    doc,
    register(server) {
      if (doc.idempotent === true && !server.hasDecorator('idempotency')) {
        throw new Error(`route ${spec.method} ${spec.url} is idempotent: call installIdempotency before registering it`);
      }
      server.route({
        method: spec.method,
        url: spec.url,
        config: { public: doc.public, ...(doc.permission === undefined ? {} : { permission: doc.permission }), ...(doc.jsonAsText === true ? { jsonAsText: true } : {}) },
        handler: async (request, reply) => {
          // Without a schema a part must be empty; the casts only restate the defaults of P, Q and B.
          const params = parsePart(spec.params ?? (noInput as z.ZodType<P>), request.params ?? {}, 'path');
          const query = parsePart(spec.query ?? (noInput as z.ZodType<Q>), request.query ?? {}, 'query');
          const body = spec.body === undefined ? (refuseBody(request.body) as B) : parsePart(spec.body, request.body, 'body');
          if (doc.idempotent === true) {
            // Validated first: a refused request leaves its key free, as nothing was done.
            return sendIdempotently(request, reply, { route: spec.url, produce: async () => answerOf(spec.status, await spec.handle({ params, query, body, request, reply })) });
          }
          const result = await spec.handle({ params, query, body, request, reply });
          if (result instanceof TextReply) return reply.code(spec.status).type(result.mediaType).send(result.text);
          if (result instanceof StreamReply) {
            if (result.fileName !== undefined) void reply.header('content-disposition', `attachment; filename="${result.fileName}"`);
            return reply.code(spec.status).type(result.mediaType).send(Readable.from(result.chunks));
          }
          return reply.code(spec.status).send(result);
        },
      });
    },
  };
}

/**
 * Parses one request part with its schema.
 * @throws InvalidInputError `request_invalid` listing every problem, paths prefixed by the part (`query.limit`).
 */
export function parsePart<T>(schema: z.ZodType<T>, value: unknown, part: RequestPart): T {
  const result = schema.safeParse(value, { error: definitionErrorMap(new Map()) });
  if (result.success) return result.data;
  const issues = requestIssues(result.error, part);
  const where = part === 'path' ? 'the URL path' : part === 'query' ? 'the query string' : 'the body';
  const lines = issues.map((issue) => `  ${issue.message}`).join('\n');
  throw new InvalidInputError('request_invalid', `${issues.length} problem(s) in ${where}; see /api/v1/openapi.json:\n${lines}`, issues, { path: issues[0]?.path ?? part });
}

/** A handler's result as the bytes to send (and to replay, for an idempotent route). */
function answerOf(status: number, result: unknown): SavedAnswer {
  if (result instanceof StreamReply) throw new Error('an idempotent route cannot stream its answer: the answer is saved whole');
  if (result instanceof TextReply) return { status, contentType: result.mediaType, body: result.text };
  return { status, contentType: 'application/json; charset=utf-8', body: JSON.stringify(result) };
}

function refuseBody(body: unknown): undefined {
  if (isEmptyBody(body)) return undefined;
  throw new InvalidInputError('request_invalid', 'this endpoint takes no body; send the request without one', [], { path: 'body' });
}
