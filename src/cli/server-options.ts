import { InvalidArgumentError, Option, type Command } from 'commander';

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
    .addOption(new Option('--server <url>', 'URL of the running Tollgate server (env TOLLGATE_SERVER, default http://127.0.0.1:8080)').argParser(parseServerUrl))
    .option('--api-key <key>', 'API key, sent as a Bearer token (env TOLLGATE_API_KEY)')
    .option('--json', 'print JSON instead of text')
    .option('--no-color', 'plain text even on a terminal (also NO_COLOR; FORCE_COLOR turns colour on)');
}

function parseServerUrl(value: string): string {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new InvalidArgumentError('give an http(s) URL such as http://127.0.0.1:8080.');
  }
  return value;
}
