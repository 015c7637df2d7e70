import { destination, pino, type DestinationStream, type Logger } from 'pino';
import { LOG_REDACTION } from '../core/log-redaction.ts';
import type { Config } from '../system/config.ts';

/**
 * JSON logs on stderr (stdout stays for what the command prints), at TOLLGATE_LOG_LEVEL,
 * credentials redacted (core/log-redaction.ts). `stream` replaces stderr (tests).
 */
export function createCliLogger(config: Config, stream: DestinationStream = destination({ dest: 2, sync: true })): Logger {
  return pino({ level: config.logLevel, base: { pid: process.pid }, redact: { paths: [...LOG_REDACTION.paths], censor: LOG_REDACTION.censor } }, stream);
}
