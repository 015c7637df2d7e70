import { SandboxApiError } from './sandbox-errors.ts';

/** Which requests a fault applies to; both fields optional. */
export interface FaultMatch {
  method?: string;
  /** An exact path (`/v1/refunds`) or a pattern. */
  path?: string | RegExp;
}

interface FaultBase {
  /**
   * Run the request first, then answer with the fault: models a call that
   * moved money but whose answer was lost. By default the request never runs.
   */
  afterProcessing?: boolean;
  match?: FaultMatch;
}

/** An error status instead of the real answer; 429 carries `Retry-After` when `retryAfter` (seconds) is given. */
export interface StatusFault extends FaultBase {
  kind: 'status';
  status: 429 | 500 | 502 | 503 | 504;
  retryAfter?: number;
}

/** No answer at all: the connection stays open until the client gives up or the sandbox stops. */
export interface HangFault extends FaultBase {
  kind: 'hang';
}

export type Fault = StatusFault | HangFault;

export interface QueuedFault {
  fault: Fault;
  remaining: number;
}

/** Takes the first queued fault that applies to a request, counting it down. */
export function takeFault(queue: QueuedFault[], method: string, path: string): Fault | undefined {
  const index = queue.findIndex(({ fault }) => matches(fault.match, method, path));
  const queued = queue[index];
  if (queued === undefined) return undefined;
  queued.remaining -= 1;
  if (queued.remaining <= 0) queue.splice(index, 1);
  return queued.fault;
}

function matches(match: FaultMatch | undefined, method: string, path: string): boolean {
  if (match === undefined) return true;
  if (match.method !== undefined && match.method.toUpperCase() !== method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? match.path === path : match.path.test(path);
}

/** The Stripe error an injected status fault answers with. */
export function faultError(fault: StatusFault): SandboxApiError {
  if (fault.status === 429) {
    return new SandboxApiError(
      429,
      { type: 'invalid_request_error', code: 'rate_limit', message: 'Request rate limit exceeded (injected by the sandbox with failNext). Retry after the Retry-After delay.' },
      { remembered: false },
    );
  }
  return new SandboxApiError(
    fault.status,
    { type: 'api_error', message: `An error occurred while processing your request (status ${fault.status} injected by the sandbox with failNext).` },
    { remembered: false },
  );
}
