import { destination, pino, type Logger } from 'pino';
import type { Config } from '../system/config.ts';

/** JSON logs on stderr (stdout stays for what the command prints), at TOLLGATE_LOG_LEVEL. */
export function createCliLogger(config: Config): Logger {
  return pino({ level: config.logLevel, base: { pid: process.pid } }, destination({ dest: 2, sync: true }));
}
