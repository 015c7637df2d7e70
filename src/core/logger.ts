/** The few logging methods the core needs; pino's logger satisfies it. */
export interface Logger {
  debug(details: object, message?: string): void;
  info(details: object, message?: string): void;
  warn(details: object, message?: string): void;
  error(details: object, message?: string): void;
  /** Whether lines at `level` are written (pino's); absent: assume they are. */
  isLevelEnabled?(level: 'debug'): boolean;
}

export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
