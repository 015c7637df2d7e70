import type jsonata from 'jsonata';
import { compileExpression } from './expression.ts';

type Node = jsonata.ExprNode & {
  condition?: Node;
  then?: Node;
  else?: Node;
  expression?: Node;
  body?: Node;
};

/**
 * The top-level variables an expression reads: the first name of each path
 * evaluated against the root context, in order of first use.
 *
 * Conservative on purpose, because the validator reports every name returned
 * here that nothing provides: names read relative to something else (later
 * path steps, filters, sorts, group-by objects, lambda bodies, transforms) are
 * left out, and so are `$bindings` and functions.
 * @throws InvalidInputError `expression_invalid` when the source does not parse.
 * @example referencedRoots('charge.currency = "usd" and charge.amount < $minor(15, "usd")') // ['charge']
 */
export function referencedRoots(source: string): string[] {
  const roots = new Set<string>();
  visit(compileExpression(source).ast, roots);
  return [...roots];
}

/** Walks `node`, which is evaluated against the root context. */
function visit(node: Node | undefined, roots: Set<string>): void {
  if (node === undefined) return;
  switch (node.type as string) {
    case 'path':
      visitPath(node, roots);
      return;
    case 'binary':
    case 'apply':
    case 'bind':
      if (!Array.isArray(node.lhs)) visit(node.lhs, roots);
      visit(node.rhs, roots);
      return;
    case 'condition':
      visit(node.condition, roots);
      visit(node.then, roots);
      visit(node.else, roots);
      return;
    case 'function':
    case 'partial':
      visit(node.procedure, roots);
      for (const argument of node.arguments ?? []) visit(argument, roots);
      return;
    case 'block':
      for (const expression of node.expressions ?? []) visit(expression, roots);
      return;
    case 'unary':
      visitUnary(node, roots);
      return;
    default:
      // Literals, $variables, lambdas, regexes, wildcards, transforms, parents: no root names we can be sure of.
      return;
  }
}

function visitPath(node: Node, roots: Set<string>): void {
  const [first, second] = node.steps ?? [];
  if (first === undefined) return;
  if (first.type === 'name') {
    if (typeof first.value === 'string') roots.add(first.value);
    return;
  }
  // `$$` is always the root; `$` is the root where this path is read against it.
  if (first.type === 'variable' && (first.value === '$' || first.value === '') && second?.type === 'name') {
    if (typeof second.value === 'string') roots.add(second.value);
    return;
  }
  // The first step of a path is read against the root; its filters and the later steps are not.
  const { predicate: _predicate, stages: _stages, group: _group, ...step } = first as Node & { predicate?: unknown; group?: unknown };
  visit(step, roots);
}

function visitUnary(node: Node, roots: Set<string>): void {
  switch (node.value) {
    case '-':
      visit(node.expression, roots);
      return;
    case '[':
      for (const expression of node.expressions ?? []) visit(expression, roots);
      return;
    case '{':
      if (Array.isArray(node.lhs)) {
        for (const pair of node.lhs) {
          if (Array.isArray(pair)) {
            visit(pair[0], roots);
            visit(pair[1], roots);
          }
        }
      }
      return;
    default:
      return;
  }
}
