import { createInterface } from 'node:readline/promises';

/** Whether a person is at a terminal to answer a question (stdin and stderr both a TTY). */
export function canAsk(): boolean {
  return process.stdin.isTTY === true && process.stderr.isTTY === true;
}

/**
 * Asks a yes-or-no question on the terminal (on stderr, so stdout stays the command's output);
 * true only for `y` or `yes`, so Enter alone declines.
 */
export async function confirmOnTerminal(question: string): Promise<boolean> {
  const prompt = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}
