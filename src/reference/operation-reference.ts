import type { Clock } from '../core/clock.ts';
import type { OperationSpec, ParamType } from '../definition/operation-spec.ts';
import { objectKindFields } from './event-type-reference.ts';
import type { ObjectField } from './object-fields/object-field.ts';
import { listFields, OPERATION_OUTPUTS } from './operation-outputs.ts';

export interface ParamReference {
  name: string;
  type: ParamType;
  required: boolean;
  description: string | null;
  recipients: boolean;
}

/** An operation as the builder's action form reads it: its parameters, and what its output variable holds. */
export interface OperationReference {
  name: string;
  description: string;
  connectorType: string | null;
  movesMoney: boolean;
  docsUrl: string | null;
  additionalParams: boolean;
  example: Record<string, unknown> | null;
  params: ParamReference[];
  output: { object: string | null; fields: ObjectField[] };
}

/** The reference of one operation; an operation without a declared output (a plugin's) gets an output nothing is known of. */
export function operationReference(spec: OperationSpec, options: { clock: Clock }): OperationReference {
  return {
    name: spec.name,
    description: spec.description,
    connectorType: spec.connectorType,
    movesMoney: spec.movesMoney === true,
    docsUrl: spec.docsUrl ?? null,
    additionalParams: spec.additionalParams === true,
    example: spec.example ?? null,
    params: Object.entries(spec.params).map(([name, param]) => ({
      name,
      // Untyped parameters take any JSON value.
      type: param.type ?? 'any',
      required: param.required === true,
      description: param.description ?? null,
      recipients: param.recipients === true,
    })),
    output: outputOf(spec.name, options.clock),
  };
}

function outputOf(name: string, clock: Clock): OperationReference['output'] {
  const output = OPERATION_OUTPUTS.get(name);
  if (output === undefined) return { object: null, fields: [] };
  switch (output.returns) {
    case 'object':
      return { object: output.object, fields: objectKindFields(output.object, { clock }) };
    case 'list':
      return { object: 'list', fields: listFields(output.object) };
    case 'fields':
      return { object: null, fields: [...output.fields] };
    default: {
      const unknown: never = output;
      throw new Error(`unknown operation output ${JSON.stringify(unknown)}`);
    }
  }
}
