import { z } from 'zod';

/** The id of a document, a step or an offering. */
export const idSchema = z
  .string()
  // No /i flag: JSON Schema patterns have no flags, and the published schema must accept the same ids.
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, 'use letters, digits, "_" or "-", starting with a letter or digit');

/** A duration such as `30s` or `2d`. */
export const durationSchema = z.string().regex(/^\d+(\.\d+)?(ms|s|m|h|d|w)$/, 'a duration such as 30s, 15m, 2h, 7d');
