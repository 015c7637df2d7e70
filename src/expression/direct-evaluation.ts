/**
 * The common shapes of expression, evaluated without JSONata's asynchronous
 * evaluator: a path of plain names (`object.customer`), a literal, `=`, `!=`,
 * `<`, `<=`, `>`, `>=`, `and` and `or` over those, and the money helpers
 * `$minor`, `$major` and `$money`. Most conditions and template values are
 * these, and JSONata spends tens of microseconds and kilobytes of promises on
 * each. Any other node compiles to nothing, and any value off the plain track
 * (an array on a path, operands of mixed types, a missing operand, a helper's
 * argument of the wrong type) gives `INDIRECT`: JSONata then evaluates the
 * whole expression as always, so the result is JSONata's in every case.
 */
import type jsonata from 'jsonata';
import type { Variables } from '../core/json.ts';
import { formatMoney, toMajor, toMinor } from './money.ts';
import { checkResultSize, type SizeLimits } from './size-limits.ts';

/** Left to JSONata. */
export const INDIRECT: unique symbol = Symbol('indirect');

/** An expression's value for `input`, or `INDIRECT`. */
export type DirectProgram = (input: Variables, limits: SizeLimits) => unknown;

/** A syntax tree node as JSONata builds it (its typings leave out `path`). */
type Node = Record<string, unknown>;

/** The direct program for a JSONata syntax tree, or `undefined` when any node is not one of the shapes above. */
export function compileDirect(ast: jsonata.ExprNode): DirectProgram | undefined {
  return compileNode(ast as unknown as Node);
}

// The keys each shape may have: any other (a predicate, a focus, a sort stage, ...) means JSONata's evaluator.
const LITERAL_KEYS = ['type', 'value', 'position'];
const PATH_KEYS = ['type', 'steps', 'position'];
const BINARY_KEYS = ['type', 'value', 'position', 'lhs', 'rhs'];
const CALL_KEYS = ['type', 'name', 'value', 'position', 'arguments', 'procedure'];

function compileNode(node: Node): DirectProgram | undefined {
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value':
      return hasOnly(node, LITERAL_KEYS) ? literal(node.value) : undefined;
    case 'path':
      return compilePath(node);
    case 'binary':
      return compileBinary(node);
    case 'function':
      return compileCall(node);
    default:
      return undefined;
  }
}

function literal(value: unknown): DirectProgram {
  return () => value;
}

function compilePath(node: Node): DirectProgram | undefined {
  if (!hasOnly(node, PATH_KEYS) || !Array.isArray(node.steps)) return undefined;
  const names: string[] = [];
  for (const step of node.steps as Node[]) {
    if (step.type !== 'name' || typeof step.value !== 'string' || !hasOnly(step, LITERAL_KEYS)) return undefined;
    names.push(step.value);
  }
  return (input, limits) => {
    let value: unknown = input;
    for (const name of names) {
      if (Array.isArray(value)) return INDIRECT;
      if (typeof value !== 'object' || value === null || !Object.hasOwn(value, name)) return undefined;
      value = (value as Record<string, unknown>)[name];
    }
    if (Array.isArray(value) || typeof value === 'function') return INDIRECT;
    checkResultSize(limits, value);
    return value;
  };
}

function compileBinary(node: Node): DirectProgram | undefined {
  if (!hasOnly(node, BINARY_KEYS)) return undefined;
  const lhs = compileNode(node.lhs as Node);
  const rhs = compileNode(node.rhs as Node);
  if (lhs === undefined || rhs === undefined) return undefined;
  const operator = node.value;
  switch (operator) {
    case 'and':
    case 'or':
      return (input, limits) => {
        const left = lhs(input, limits);
        if (typeof left !== 'boolean') return INDIRECT;
        if (left === (operator === 'or')) return left;
        const right = rhs(input, limits);
        return typeof right === 'boolean' ? right : INDIRECT;
      };
    case '=':
    case '!=':
      return (input, limits) => {
        const left = lhs(input, limits);
        const right = rhs(input, limits);
        if (!isScalar(left) || !isScalar(right)) return INDIRECT;
        return (left === right) === (operator === '=');
      };
    case '<':
    case '<=':
    case '>':
    case '>=':
      return (input, limits) => {
        const left = lhs(input, limits);
        const right = rhs(input, limits);
        const comparable = (typeof left === 'number' && typeof right === 'number') || (typeof left === 'string' && typeof right === 'string');
        return comparable ? compare(left, right, operator) : INDIRECT;
      };
    default:
      return undefined;
  }
}

function compare(left: number | string, right: number | string, operator: '<' | '<=' | '>' | '>='): boolean {
  switch (operator) {
    case '<':
      return left < right;
    case '<=':
      return left <= right;
    case '>':
      return left > right;
    case '>=':
      return left >= right;
  }
}

/** The money helpers as registered in expression.ts, for arguments of their signatures' types only. */
const HELPERS: Record<string, (first: unknown, second: unknown) => unknown> = {
  minor: (major, currency) => ((typeof major === 'number' || typeof major === 'string') && typeof currency === 'string' ? toMinor(major, currency) : INDIRECT),
  major: (minor, currency) => (typeof minor === 'number' && typeof currency === 'string' ? toMajor(minor, currency) : INDIRECT),
  money: (minor, currency) => (typeof minor === 'number' && typeof currency === 'string' ? formatMoney(minor, currency) : INDIRECT),
};

function compileCall(node: Node): DirectProgram | undefined {
  const procedure = node.procedure as Node | undefined;
  if (!hasOnly(node, CALL_KEYS) || procedure?.type !== 'variable' || !hasOnly(procedure, LITERAL_KEYS)) return undefined;
  const helper = typeof procedure.value === 'string' && Object.hasOwn(HELPERS, procedure.value) ? HELPERS[procedure.value] : undefined;
  const args = Array.isArray(node.arguments) ? (node.arguments as Node[]).map(compileNode) : [];
  const [first, second] = args;
  if (helper === undefined || args.length !== 2 || first === undefined || second === undefined) return undefined;
  return (input, limits) => {
    const a = first(input, limits);
    const b = second(input, limits);
    if (a === INDIRECT || b === INDIRECT) return INDIRECT;
    const result = helper(a, b);
    checkResultSize(limits, result);
    return result;
  };
}

function isScalar(value: unknown): value is string | number | boolean | null {
  return value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** Own keys only: JSONata's parser leaves its token's fields on each node's prototype. */
function hasOnly(node: Node, keys: readonly string[]): boolean {
  return Object.keys(node).every((key) => keys.includes(key));
}
