import { readFile } from 'node:fs/promises';
import { InvalidArgumentError } from 'commander';
import { InvalidInputError } from '../core/errors.ts';

/** One `--input key=value`; the value stays a string (the server coerces it by the field's type). */
export interface InputPair {
  key: string;
  value: string;
}

/**
 * The commander parser of a repeated `--input key=value` flag. A value without
 * `=` or with an empty key is a usage error naming the flag.
 * @example parseInputFlag('amount=750', []) // [{ key: 'amount', value: '750' }]
 */
export function parseInputFlag(text: string, previous: InputPair[] = []): InputPair[] {
  const equals = text.indexOf('=');
  const key = equals < 0 ? '' : text.slice(0, equals).trim();
  if (key === '') throw new InvalidArgumentError('write it as key=value, e.g. --input refundAmount=25.00');
  return [...previous, { key, value: text.slice(equals + 1) }];
}

/** Reads `--input-file`: a JSON or YAML file holding one object of inputs. */
export async function readInputFile(path: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new InvalidInputError('input_file_invalid', `--input-file ${path}: cannot read it (${error instanceof Error ? error.message : String(error)})`, [], {
      path: 'input-file',
      cause: error,
    });
  }
  // YAML is loaded here, not with the flag's parser, which every `--help` registers.
  const { parse: parseYaml } = await import('yaml');
  let value: unknown;
  try {
    value = parseYaml(text) as unknown;
  } catch (error) {
    throw new InvalidInputError('input_file_invalid', `--input-file ${path}: not valid JSON or YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`, [], {
      path: 'input-file',
      cause: error,
    });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InvalidInputError('input_file_invalid', `--input-file ${path}: expected an object of inputs such as {"refundAmount": 25}, found ${value === null ? 'nothing' : Array.isArray(value) ? 'a list' : typeof value}`, [], {
      path: 'input-file',
    });
  }
  return value as Record<string, unknown>;
}

/** The run's input: the file's object first, then each `--input` over it. */
export function mergeInputs(fromFile: Record<string, unknown>, pairs: readonly InputPair[]): Record<string, unknown> {
  const input: Record<string, unknown> = { ...fromFile };
  for (const { key, value } of pairs) input[key] = value;
  return input;
}
