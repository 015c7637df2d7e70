import { InvalidArgumentError, Option, type Command } from 'commander';
import { DEFAULT_SERVER_URL, isServerUrl, SERVER_URL_HINT } from '../system/client-settings.ts';

/** The options every command that talks to a running server takes. */
export interface ServerOptions {
  server?: string;
  apiKey?: string;
  json?: boolean;
  /** `false` with `--no-color` (colour.ts decides the rest). */
  color?: boolean;
}

/** Adds `--server`, `--api-key`, `--json` and `--no-color` to a command that acts on a running system. */
export function withServerOptions(command: Command): Command {
  return command
    .addOption(new Option('--server <url>', `URL of the running Tollgate server (env TOLLGATE_SERVER, default ${DEFAULT_SERVER_URL})`).argParser(parseServerUrl))
    .option('--api-key <key>', 'API key, sent as a Bearer token (env TOLLGATE_API_KEY)')
    .option('--json', 'print JSON instead of text')
    .option('--no-color', 'plain text even on a terminal (also NO_COLOR; FORCE_COLOR turns colour on)');
}

function parseServerUrl(value: string): string {
  if (!isServerUrl(value)) {
    throw new InvalidArgumentError(`give ${SERVER_URL_HINT}.`);
  }
  return value;
}
