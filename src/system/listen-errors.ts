import { TollgateError } from '../core/errors.ts';

/** `host_invalid` when listening failed because `host` is no address of this machine (or no address at all); else undefined. */
export function hostInvalid(error: unknown, host: string): TollgateError | undefined {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  if (code !== 'EADDRNOTAVAIL' && code !== 'ENOTFOUND') return undefined;
  return new TollgateError('host_invalid', `cannot listen on ${host}: no such address on this machine; set --host or TOLLGATE_HOST`, { cause: error });
}
