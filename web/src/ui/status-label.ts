/**
 * A status in words, the one place every page takes them from. `statusWords` is for inside a sentence
 * ("This task is timed out"), `statusLabel` for a status standing alone, in a badge or an option, in
 * sentence case like every other label ("Timed out", not "Timed Out").
 *
 * @example statusLabel('timed_out') // "Timed out"
 */
export function statusLabel(status: string): string {
  const words = statusWords(status);
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A status inside a sentence: `not_run` → "not run". */
export function statusWords(status: string): string {
  return status.replaceAll('_', ' ');
}
