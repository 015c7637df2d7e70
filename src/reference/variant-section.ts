import { blocks, code, codeBlock, table } from './markdown.ts';
import type { VariantDoc } from './schema-fields.ts';

/** The section of one trigger or step type: what it does, its fields, an example definition. */
export function variantSection(options: { heading: string; doc: VariantDoc; example: string; notes?: string }): string {
  const rows = options.doc.fields.map((field) => [
    code(field.name),
    field.type,
    field.required ? 'yes' : '',
    field.default === undefined ? '' : code(JSON.stringify(field.default)),
    field.description,
  ]);
  return blocks(
    `## ${options.heading}`,
    options.doc.description,
    options.notes ?? '',
    table(['field', 'type', 'required', 'default', 'description'], rows),
    'Example:',
    codeBlock('yaml', options.example),
  );
}
