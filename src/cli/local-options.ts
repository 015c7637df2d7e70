import { InvalidArgumentError, Option, type Command } from 'commander';

/** Options of the commands that open the database themselves. */
export interface LocalOptions {
  data?: string;
  host?: string;
  port?: number;
  /** `tollgate worker --port`: TOLLGATE_WORKER_PORT. */
  workerPort?: number;
}

/** Adds `--data`: where SQLite (and later the sandbox state and outbox) live. */
export function withDataOption(command: Command): Command {
  return command.option('--data <dir>', 'data directory for SQLite, used when DATABASE_URL is unset (env TOLLGATE_DATA, default ./.tollgate)');
}

/** Adds `--host` and `--port` for commands that serve HTTP. */
export function withListenOptions(command: Command): Command {
  return command
    .option('--host <address>', 'address to listen on (env TOLLGATE_HOST, default 127.0.0.1)')
    .addOption(new Option('--port <number>', 'port to listen on; 0 picks a free one (env TOLLGATE_PORT, default 8080)').argParser(parsePort));
}

/** Adds `--host` and `--port` to `tollgate worker`: where it answers /metrics and the health probes, if anywhere. */
export function withWorkerListenOptions(command: Command): Command {
  return command
    .option('--host <address>', 'address the metrics and health listener binds (env TOLLGATE_HOST, default 127.0.0.1)')
    .addOption(new Option('--port <number>', 'answer /metrics, /healthz and /readyz on this port; 0 picks a free one (env TOLLGATE_WORKER_PORT, default none)').argParser(parsePort));
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('give a port number from 0 to 65535.');
  return port;
}
