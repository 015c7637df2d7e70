import { InvalidInputError } from '../core/errors.ts';

/**
 * Reads a secret (a password) piped to stdin, without its trailing newline,
 * so it never appears in the shell history or the process list.
 * @example echo "$PASSWORD" | tollgate users create ops@example.com --role admin --password-stdin
 */
export async function readSecretFromStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) {
    throw new InvalidInputError('stdin_missing', `--${what}-stdin reads the ${what} from a pipe, e.g. \`echo "$PASSWORD" | tollgate ... --${what}-stdin\``);
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  const secret = Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  if (secret === '') throw new InvalidInputError('stdin_missing', `stdin was empty: pipe the ${what} in`);
  return secret;
}
