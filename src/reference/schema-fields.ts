import { definitionJsonSchema } from '../definition/json-schema.ts';
import type { StepType, TriggerType } from '../definition/schema.ts';

/** A JSON Schema node, as far as the reference reads it. */
interface SchemaNode {
  description?: string;
  type?: string | string[];
  const?: unknown;
  enum?: unknown[];
  default?: unknown;
  $ref?: string;
  items?: SchemaNode;
  properties?: Record<string, SchemaNode>;
  required?: string[];
  anyOf?: SchemaNode[];
  oneOf?: SchemaNode[];
}

/** One field of a trigger or step, as the reference lists it. */
export interface FieldDoc {
  name: string;
  type: string;
  required: boolean;
  /** The default, when the field has one. */
  default: unknown;
  description: string;
}

/** A trigger or step type: what it does and its fields, read from the published JSON Schema. */
export interface VariantDoc {
  description: string;
  fields: FieldDoc[];
}

export function triggerDoc(type: TriggerType): VariantDoc {
  return variantDoc('Trigger', type);
}

export function stepDoc(type: StepType): VariantDoc {
  return variantDoc('Step', type);
}

function variantDoc(definition: 'Trigger' | 'Step', type: string): VariantDoc {
  const defs = definitionJsonSchema().$defs as Record<string, SchemaNode>;
  const variant = defs[definition]?.oneOf?.find((option) => option.properties?.type?.const === type);
  if (variant === undefined) throw new Error(`the definition schema has no ${definition} of type "${type}"`);
  const required = new Set(variant.required ?? []);
  return {
    description: variant.description ?? '',
    fields: Object.entries(variant.properties ?? {}).map(([name, node]) => ({
      name,
      type: typeName(node),
      required: required.has(name),
      default: node.default,
      description: node.description ?? '',
    })),
  };
}

/** A short type for people: `string`, `list of Step`, `"a" \| "b"`, `{team} \| {users}`. */
export function typeName(node: SchemaNode): string {
  if (node.$ref !== undefined) return node.$ref.split('/').at(-1) ?? 'object';
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum !== undefined) return node.enum.map((value) => JSON.stringify(value)).join(' | ');
  const options = node.anyOf ?? node.oneOf;
  if (options !== undefined) return options.map(typeName).join(' | ');
  const type = Array.isArray(node.type) ? node.type.join(' | ') : node.type;
  if (type === 'array') return `list of ${node.items === undefined ? 'any' : typeName(node.items)}`;
  if (type === 'object' && node.properties !== undefined) return `{${Object.keys(node.properties).join(', ')}}`;
  return type ?? 'any';
}
