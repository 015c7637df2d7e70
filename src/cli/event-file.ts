import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { InvalidInputError } from '../core/errors.ts';

/** Reads `--event-file`: JSON or YAML of a Stripe event, or of just its `data.object`. */
export async function readEventFile(path: string): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = parseYaml(await readFile(path, 'utf8')) as unknown;
  } catch (error) {
    const why = error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error);
    throw new InvalidInputError('event_file_invalid', `--event-file ${path}: cannot read it as JSON or YAML (${why})`, [], { path: 'event-file', cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError('event_file_invalid', `--event-file ${path}: expected an event ({"type": ..., "data": {"object": {...}}}) or an object ({"object": "dispute", ...}), found ${value === null ? 'nothing' : Array.isArray(value) ? 'a list' : typeof value}`, [], { path: 'event-file' });
  }
  return value as Record<string, unknown>;
}
