import type { StatementCounter } from '../../src/store/statement-counter.ts';

/**
 * Runs `work` with a probe that runs at every turn of the event loop and notes how many statements `statements`
 * had counted by then. A read that gives the event loop turns between its statements shows a count between 0 and
 * all of them; one that holds the thread to the end (SQLite's queries run on it) shows none.
 */
export async function turnsBetweenStatements<T>(statements: StatementCounter, work: () => Promise<T>): Promise<{ result: T; sent: number; turnsBetween: number; seen: number[] }> {
  const seen: number[] = [];
  let working = true;
  const probe = () => {
    seen.push(statements.total);
    if (working) setImmediate(probe);
  };
  statements.reset();
  setImmediate(probe);
  const result = await work();
  working = false;
  const sent = statements.total;
  return { result, sent, turnsBetween: seen.filter((count) => count > 0 && count < sent).length, seen };
}
