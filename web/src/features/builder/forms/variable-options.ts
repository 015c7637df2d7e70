import { knownStepType } from '../model/draft-steps.ts';
import type { OperationReference, ReferenceField } from './reference-types.ts';
import { stepScope } from './step-location.ts';

type Doc = Record<string, unknown>;

/** One thing a `{{ }}` reference or a condition can read, e.g. `charge.amount` after the step `charge`. */
export interface VariableOption {
  /** The expression, e.g. `object.customer`, `charge.amount`, `refundAmount`. */
  path: string;
  /** Where it comes from, for grouping: `Trigger`, `Step charge`, ... */
  group: string;
  type: string;
  description: string | null;
  money: boolean;
}

export interface VariableSources {
  definition: Doc;
  /** The graph node id of the step being edited; null for the trigger's own condition. */
  path: string | null;
  /** The fields of the trigger's event type's object (GET /reference/event-types/:type), when known. */
  eventFields: readonly ReferenceField[];
  operations: readonly OperationReference[];
}

const TRIGGER = 'Trigger';

function option(path: string, group: string, type: string, description: string | null, money = false): VariableOption {
  return { path, group, type, description, money };
}

function fieldOptions(root: string, group: string, fields: readonly ReferenceField[]): VariableOption[] {
  return fields.map((field) => option(`${root}.${field.path}`, group, field.type, field.description, field.money));
}

function asDoc(value: unknown): Doc {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Doc) : {};
}

function inputFields(value: unknown): VariableOption[] {
  if (!Array.isArray(value)) return [];
  return value.map(asDoc).filter((field) => typeof field.key === 'string' && field.key !== '').map((field) =>
    option(field.key as string, TRIGGER, typeof field.type === 'string' ? field.type : 'text', typeof field.label === 'string' ? field.label : null, field.type === 'money'));
}

/** What the trigger gives every step: `event` and `object.*`, input fields, `schedule`, `body`. */
export function triggerOptions(trigger: Doc, eventFields: readonly ReferenceField[]): VariableOption[] {
  switch (trigger.type) {
    case 'event':
      return [
        option('event.id', TRIGGER, 'string', 'The event id (evt_...)'),
        option('event.type', TRIGGER, 'string', 'The event type'),
        option('event.created', TRIGGER, 'timestamp', 'When Stripe created the event'),
        option('object', TRIGGER, 'object', 'The event\'s object (event.data.object)'),
        ...fieldOptions('object', TRIGGER, eventFields),
      ];
    case 'manual':
      return inputFields(trigger.input);
    case 'form':
      return [
        ...inputFields(trigger.form),
        option('request.id', TRIGGER, 'string', 'The catalog request'),
        option('request.requester', TRIGGER, 'string', 'Who asked (email)'),
      ];
    case 'schedule':
      return [option('schedule.tick', TRIGGER, 'timestamp', 'The tick being run (ISO time)')];
    case 'webhook':
      return [option('body', TRIGGER, 'object', 'The delivery\'s JSON payload'), option('headers', TRIGGER, 'object', 'Its HTTP headers, lower case')];
    default:
      return [];
  }
}

/** What one finished step leaves in its output variable. */
export function stepOutputOptions(step: Doc, operations: readonly OperationReference[]): VariableOption[] {
  const id = typeof step.id === 'string' ? step.id : '';
  if (id === '') return [];
  const output = typeof step.output === 'string' && step.output !== '' ? step.output : id;
  const group = `Step ${id}`;
  const type = knownStepType(step);
  if (type === undefined) return [];
  switch (type) {
    case 'action': {
      const operation = operations.find((candidate) => candidate.name === step.uses);
      return [option(output, group, 'object', operation?.output.object ?? 'The operation\'s result'), ...fieldOptions(output, group, operation?.output.fields ?? [])];
    }
    case 'approval':
      return [
        option(`${output}.decision`, group, 'string', 'approved or rejected'),
        option(`${output}.comment`, group, 'string', 'The approver\'s comment'),
        option(`${output}.by`, group, 'string', 'Who decided (email)'),
        option(`${output}.at`, group, 'timestamp', 'When'),
        ...inputFields(step.form).map((field) => ({ ...field, path: `${output}.${field.path}`, group })),
      ];
    case 'set':
      return Object.keys(asDoc(step.values)).map((key) => option(key, group, 'any', null));
    case 'workflow':
      return ['run_id', 'status', 'outcome', 'variables'].map((key) => option(`${output}.${key}`, group, key === 'variables' ? 'object' : 'string', null));
    case 'foreach':
      return [option(output, group, 'array', 'Each iteration\'s variables')];
    case 'parallel':
      return [option(id, group, 'array', 'Each branch\'s variables')];
    case 'decision':
    case 'wait':
    case 'end':
      return [];
    default: {
      const _: never = type;
      return _;
    }
  }
}

/**
 * Everything a step (or, with `path` null, the trigger's condition) may read: the trigger's variables
 * and the outputs of the steps before it, then the loop variables of the foreach steps it is inside.
 */
export function variableOptions(sources: VariableSources): VariableOption[] {
  const trigger = asDoc(sources.definition.trigger);
  const options = triggerOptions(trigger, sources.eventFields);
  if (sources.path === null) return options;
  const scope = stepScope(sources.definition, sources.path);
  if (scope === null) return options;
  for (const step of scope.earlier) options.push(...stepOutputOptions(step, sources.operations));
  for (const loop of scope.loops) {
    const as = typeof loop.as === 'string' && loop.as !== '' ? loop.as : 'item';
    options.push(option(as, `Each item of ${String(loop.id)}`, 'any', 'The current item'), option(`${as}_index`, `Each item of ${String(loop.id)}`, 'integer', 'Its position, from 0'));
  }
  return options;
}
