import { closest, distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `word`, when it is close enough to be a likely typo:
 * an edit distance of at most max(2, a third of the word's length), and less
 * than the length of either word.
 *
 * @example didYouMean('procss_refund', ['process_refund', 'denied']) // 'process_refund'
 */
export function didYouMean(word: string, candidates: Iterable<string>): string | undefined {
  const pool = [...new Set(candidates)].filter((candidate) => candidate !== word);
  if (pool.length === 0 || word.length === 0) return undefined;
  const lower = word.toLowerCase();
  const sameButCase = pool.find((candidate) => candidate.toLowerCase() === lower);
  if (sameButCase !== undefined) return sameButCase;
  const best = closest(word, pool);
  const edits = distance(word, best);
  // Two edits turn any two-letter word into any other: a suggestion must keep something.
  return edits <= Math.max(2, Math.floor(word.length / 3)) && edits < Math.min(word.length, best.length) ? best : undefined;
}

/** ` (did you mean "x"?)` or an empty string, to append to a message. */
export function suggestion(word: string, candidates: Iterable<string>, quote: '"' | '`' = '"'): string {
  const match = didYouMean(word, candidates);
  return match === undefined ? '' : ` (did you mean ${quote}${match}${quote}?)`;
}

/** `"a", "b" or "c"` for messages that list the valid choices. */
export function listChoices(choices: Iterable<string>, quote: '"' | '`' = '"'): string {
  const quoted = [...choices].map((choice) => `${quote}${choice}${quote}`);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1) ?? ''}`;
}
