import { z } from 'zod';

export const FIELD_TYPES = [
  'text', 'email', 'number', 'money', 'select', 'multiselect', 'textarea', 'url', 'date', 'checkbox',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export const fieldSchema = z.strictObject({
  key: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'a variable name: letters, digits and "_"').describe('The variable the value is stored in, e.g. `amount`; expressions read it by this name'),
  label: z.string().optional().describe('What people see beside the input; default the key'),
  type: z.enum(FIELD_TYPES).default('text').describe('The kind of input; `money` is a major-unit amount such as 19.99'),
  required: z.boolean().default(false).describe('True when the field must be filled in'),
  pattern: z.string().optional().describe('A regular expression a text value must match'),
  min: z.number().optional().describe('Smallest number (number, money) or shortest text'),
  max: z.number().optional().describe('Largest number (number, money) or longest text'),
  options: z.array(z.string()).optional().describe('The choices of a select or multiselect field'),
  help: z.string().optional().describe('A hint shown under the input'),
  default: z.unknown().optional().describe('The value filled in when none is given'),
}).meta({ description: 'One input of a form, of a manual trigger or of an approval: its value becomes a variable named by `key`.' });
export type Field = z.infer<typeof fieldSchema>;
