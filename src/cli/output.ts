/** Printing for people (tables, durations) and for programs (`--json`). */

/** Writes a value as indented JSON, for `--json`. */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Writes lines of text to stdout. */
export function printLines(...lines: string[]): void {
  process.stdout.write(lines.map((line) => `${line}\n`).join(''));
}

/** How a table paints its cells: the header row, and each body cell by column (see colour.ts). */
export interface TableStyle {
  header?: (text: string) => string;
  cell?: (text: string, column: number) => string;
}

/**
 * Columns padded to their widest cell, the header in capitals; the last
 * column is not padded, so long errors do not push trailing spaces. A style
 * paints the text after the widths are measured, so colour keeps columns aligned.
 * @example formatTable(['id', 'status'], [['r_1', 'succeeded']], { cell: (text, column) => (column === 1 ? palette.status(text) : text) })
 */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[], style: TableStyle = {}): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: readonly string[], paint: (text: string, column: number) => string): string =>
    cells
      .map((cell, column) => `${paint(cell, column)}${column === cells.length - 1 ? '' : ' '.repeat(Math.max(0, (widths[column] ?? 0) - cell.length))}`)
      .join('  ')
      .trimEnd();
  const header = style.header ?? ((text: string) => text);
  const body = style.cell ?? ((text: string) => text);
  return [line(headers.map((text) => text.toUpperCase()), header), ...rows.map((row) => line(row, body))].join('\n');
}

/** `850ms`, `4.2s`, `3m 05s`, `2h 10m`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m ${String(seconds % 60).padStart(2, '0')}s`;
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)}h ${String(minutes % 60).padStart(2, '0')}m`;
}

/** A span for people, days when it is long: `4.2s`, `3m 05s`, `5h 10m`, `2d 3h`. */
export function formatSpan(ms: number): string {
  const hours = Math.floor(ms / 3_600_000);
  if (hours < 24) return formatDuration(ms);
  return `${Math.floor(hours / 24)}d ${hours % 24}h`;
}

/** The time between two ISO times, or `-` while the second is missing. */
export function durationBetween(start: string, end: string | null): string {
  if (end === null) return '-';
  const ms = Date.parse(end) - Date.parse(start);
  return Number.isNaN(ms) ? '-' : formatDuration(ms);
}

/** An ISO time to the second, in UTC: `2025-03-01 14:02:09Z`. */
export function formatTime(iso: string | null): string {
  if (iso === null) return '-';
  const time = new Date(iso);
  return Number.isNaN(time.getTime()) ? iso : `${time.toISOString().slice(0, 19).replace('T', ' ')}Z`;
}

/** One line of text for a table cell: newlines folded, long text cut. */
export function cell(value: string | number | null | undefined, maxLength = 80): string {
  if (value === null || value === undefined || value === '') return '-';
  const text = String(value).replace(/\s*\n\s*/g, ' ');
  return text.length > maxLength ? `${text.slice(0, maxLength - 1)}…` : text;
}

/** A flag's value in a next-page hint: `true` prints the flag alone (`--mine`), a list its values in turn (`--action a b`). */
export type HintFlagValue = string | number | boolean | readonly string[] | undefined;

/**
 * The command for a listing's next page, with the filters it was given (the cursor alone would drop them):
 * `more: tollgate runs list --status failed --cursor run_0ab...`. Flags are named as on the command line
 * (`target-type`); those without a value (undefined, false, an empty list) are left out. A value the shell
 * would split or expand is single-quoted, so the line can be pasted as it is.
 * @example nextPageHint('tollgate requests list', { mine: true, as: 'casey@example.com', limit: 20 }, 'req_0ab') // 'more: tollgate requests list --mine --as casey@example.com --limit 20 --cursor req_0ab'
 */
export function nextPageHint(command: string, flags: Readonly<Record<string, HintFlagValue>>, cursor: string | number): string {
  const given = Object.entries(flags).flatMap(([flag, value]) => {
    if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) return [];
    if (value === true) return [`--${flag}`];
    const values: readonly (string | number)[] = typeof value === 'string' || typeof value === 'number' ? [value] : value;
    return [`--${flag} ${values.map(shellWord).join(' ')}`];
  });
  return `more: ${[command, ...given, `--cursor ${shellWord(cursor)}`].join(' ')}`;
}

/** A value as one shell word: as it is when no shell treats any of its characters specially, else single-quoted. */
function shellWord(value: string | number): string {
  const text = String(value);
  return /^[\w@%+:,./-]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}
