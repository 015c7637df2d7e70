import { httpRequestOperation } from '../connectors/http/http-request-operation.ts';
import type { Operation } from '../engine/operation.ts';

/** Every operation an action step may `use`, in this build. */
export function builtInOperations(): Operation[] {
  return [httpRequestOperation];
}
