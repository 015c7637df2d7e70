import { readConfig, type Config } from '../system/config.ts';
import type { LocalOptions } from './local-options.ts';

/** The configuration: the environment, with the flags given on the command line over it. */
export function localConfig(options: LocalOptions): Config {
  return readConfig({
    ...process.env,
    ...(options.data === undefined ? {} : { TOLLGATE_DATA: options.data }),
    ...(options.host === undefined ? {} : { TOLLGATE_HOST: options.host }),
    ...(options.port === undefined ? {} : { TOLLGATE_PORT: String(options.port) }),
    ...(options.workerPort === undefined ? {} : { TOLLGATE_WORKER_PORT: String(options.workerPort) }),
  });
}
