/**
 * Colour for people at a terminal, with Node's `util.styleText`. On when
 * stdout is a terminal; `--no-color` turns it off, then `FORCE_COLOR`
 * (anything but `0`) turns it on, then `NO_COLOR` (any non-empty value)
 * turns it off, as Node itself reads them.
 */
import { styleText } from 'node:util';
import type { TableStyle } from './output.ts';

type Style = Parameters<typeof styleText>[0];

/** Paints words; every function returns its text unchanged when colour is off. */
export interface Palette {
  readonly enabled: boolean;
  /** A status word in the colour of what it means: succeeded green, failed red, waiting yellow, ... */
  readonly status: (word: string) => string;
  readonly heading: (text: string) => string;
  readonly dim: (text: string) => string;
  /** What went wrong, in red. */
  readonly alert: (text: string) => string;
}

export interface ColourSetting {
  /** `false` from `--no-color`; commander sets `true` otherwise. */
  color?: boolean | undefined;
  env?: NodeJS.ProcessEnv;
  isTTY?: boolean | undefined;
}

const STATUS_STYLES: Readonly<Record<string, Style>> = {
  succeeded: 'green',
  approved: 'green',
  active: 'green',
  published: 'green',
  failed: 'red',
  rejected: 'red',
  timed_out: 'red',
  cancelled: 'magenta',
  waiting: 'yellow',
  pending: 'yellow',
  retrying: 'yellow',
  running: 'cyan',
  draft: 'gray',
  inactive: 'gray',
  archived: 'gray',
};

/** Whether to colour: see the module comment for the order of the switches. */
export function colourEnabled(setting: ColourSetting = {}): boolean {
  const env = setting.env ?? process.env;
  if (setting.color === false) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  return setting.isTTY ?? process.stdout.isTTY === true;
}

/**
 * The palette for output to stdout, from the command's options and the environment.
 * @example paletteFor(options).status('failed') // red on a terminal, plain in a pipe
 */
export function paletteFor(setting: ColourSetting = {}): Palette {
  const enabled = colourEnabled(setting);
  // The decision is ours (above), so styleText must not look at a stream itself.
  const paint = (style: Style, text: string): string => (enabled && text !== '' ? styleText(style, text, { validateStream: false }) : text);
  return {
    enabled,
    status: (word) => {
      const style = STATUS_STYLES[word];
      return style === undefined ? word : paint(style, word);
    },
    heading: (text) => paint('bold', text),
    dim: (text) => paint('dim', text),
    alert: (text) => paint('red', text),
  };
}

/** A palette that never colours, for text that goes to a file or another program. */
export const PLAIN: Palette = paletteFor({ color: false });

/** A table style with dim headers and one column of status words in their colours. */
export function statusTableStyle(palette: Palette, statusColumn: number): TableStyle {
  return { header: palette.dim, cell: (text, column) => (column === statusColumn ? palette.status(text) : text) };
}
