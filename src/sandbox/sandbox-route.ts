import type { FormObject } from './form-decoder.ts';
import type { OperationContext } from './operation-context.ts';
import { parameterError } from './sandbox-errors.ts';

/** What an endpoint answers with on success: an object, a list, or a deletion stub. */
export interface ApiResult {
  object: string;
  [field: string]: unknown;
}

/** Runs one endpoint. `id` is the `:id` path segment, or '' for paths without one. */
export type RouteHandler = (ctx: OperationContext, params: FormObject, id: string) => ApiResult;

export interface Route {
  method: 'GET' | 'POST' | 'DELETE';
  /** Path pattern with an optional `:id` segment, e.g. `/v1/payment_intents/:id/confirm`. */
  path: string;
  handler: RouteHandler;
}

/** A GET /…/:id route that takes no parameters but `expand`. */
export function retrieveRoute(path: string, get: (ctx: OperationContext, id: string) => ApiResult): Route {
  return {
    method: 'GET',
    path,
    handler: (ctx, params, id) => {
      for (const key of Object.keys(params)) {
        if (key !== 'expand') throw parameterError('parameter_unknown', `Received unknown parameter: ${key}`, key);
      }
      return get(ctx, id);
    },
  };
}
