/**
 * The one place where errors become HTTP responses. Every error answer has
 * the shape `{error: {code, message, path?, issues?}}`; the status comes from
 * the error's class, never from its message.
 */
import type { FastifyInstance } from 'fastify';
import {
  ConflictError,
  ForbiddenError,
  InvalidInputError,
  NotFoundError,
  PermanentError,
  TollgateError,
  TooManyRequestsError,
  TransientError,
  UnauthorizedError,
  UnprocessableError,
} from '../core/errors.ts';
import { redactUrlSecrets } from '../core/log-redaction.ts';
import type { Logger } from '../core/logger.ts';
import type { ErrorBody } from './response-schemas.ts';
import type { PageFallback } from './web-app.ts';
import { serializeIssue } from './serializers.ts';

export interface ErrorResponse {
  statusCode: number;
  body: ErrorBody;
  headers: Record<string, string>;
}

/** What fastify itself throws (body parsing, limits): a code such as `FST_ERR_CTP_INVALID_JSON_BODY` and a status. */
interface FrameworkError {
  code: string;
  statusCode: number;
  message: string;
}

/** What the answer may say about the request's route, such as its body limit in bytes. */
export interface RouteLimits {
  bodyLimit?: number;
}

/** Maps any thrown value to its HTTP answer. Unknown errors give 500 `internal_error` without detail. */
export function errorResponse(error: unknown, requestId: string, limits: RouteLimits = {}): ErrorResponse {
  if (error instanceof TollgateError) return tollgateErrorResponse(error);
  if (isFrameworkError(error) && error.statusCode < 500) return frameworkErrorResponse(error, limits);
  return {
    statusCode: 500,
    headers: {},
    body: { error: { code: 'internal_error', message: `an internal error occurred; the server log has the detail under request id ${requestId}` } },
  };
}

function tollgateErrorResponse(error: TollgateError): ErrorResponse {
  const body: ErrorBody = {
    error: {
      code: error.code,
      message: error.message,
      ...(error.path === undefined ? {} : { path: error.path }),
      ...(error instanceof InvalidInputError && error.issues.length > 0 ? { issues: error.issues.map(serializeIssue) } : {}),
    },
  };
  const headers: Record<string, string> = {};
  if (error instanceof TransientError && error.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(error.retryAfterMs / 1000));
  return { statusCode: statusOf(error), headers, body };
}

function statusOf(error: TollgateError): number {
  if (error instanceof InvalidInputError || error instanceof PermanentError) return 400;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof UnprocessableError) return 422;
  if (error instanceof TooManyRequestsError) return 429;
  if (error instanceof TransientError) return 503;
  return 500;
}

function frameworkErrorResponse(error: FrameworkError, limits: RouteLimits): ErrorResponse {
  const answer = (statusCode: number, code: string, message: string, path?: string): ErrorResponse => ({
    statusCode,
    headers: {},
    body: { error: { code, message, ...(path === undefined ? {} : { path }) } },
  });
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return answer(400, 'request_invalid', 'the body is not valid JSON; send a JSON object (definitions may also be sent as YAML with content-type application/yaml)', 'body');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return answer(400, 'request_invalid', 'the body is empty but content-type says JSON; send a JSON object or leave out the content-type', 'body');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return answer(415, 'media_type_unsupported', 'this content-type is not accepted; send application/json (or, for definitions, application/yaml, text/yaml or text/plain)', 'body');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return answer(
        413,
        'body_too_large',
        `the body is larger than the server accepts${limits.bodyLimit === undefined ? '' : ` (${limits.bodyLimit} bytes)`}; send less at once, e.g. split the definitions into several requests`,
        'body',
      );
    default:
      return answer(error.statusCode, 'request_invalid', `the request was refused: ${error.message}`);
  }
}

function isFrameworkError(error: unknown): error is FrameworkError {
  return (
    error instanceof Error &&
    'code' in error &&
    typeof error.code === 'string' &&
    error.code.startsWith('FST_') &&
    'statusCode' in error &&
    typeof error.statusCode === 'number'
  );
}

/**
 * Installs the mapping as fastify's error and not-found handlers; server errors are logged with
 * their stack. `pageFallback` may answer a not-found browser page (the web app's index.html).
 */
export function installErrorHandling(server: FastifyInstance, logger: Logger, pageFallback?: PageFallback): void {
  server.setErrorHandler((error, request, reply) => {
    const response = errorResponse(error, request.id, { bodyLimit: request.routeOptions.bodyLimit });
    const details = { err: error, request_id: request.id, method: request.method, url: redactUrlSecrets(request.url), status: response.statusCode };
    if (response.statusCode >= 500) logger.error(details, 'request failed');
    else logger.debug({ ...details, err: undefined, code: response.body.error.code }, 'request refused');
    return reply.code(response.statusCode).headers(response.headers).send(response.body);
  });
  server.setNotFoundHandler((request, reply) => {
    const page = pageFallback?.(request, reply);
    if (page !== undefined) return page;
    const body: ErrorBody = {
      error: { code: 'route_not_found', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}; the routes are listed in /api/v1/openapi.json` },
    };
    return reply.code(404).send(body);
  });
}
