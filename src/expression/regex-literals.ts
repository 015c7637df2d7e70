import type jsonata from 'jsonata';

/**
 * The regular-expression literals (`/.../flags`) of a JSONata syntax tree, in
 * any position: a predicate, a function argument, a lambda body.
 */
export function regexLiterals(ast: jsonata.ExprNode): RegExp[] {
  const found: RegExp[] = [];
  const seen = new Set<object>();
  const pending: unknown[] = [ast];
  while (pending.length > 0) {
    const node = pending.pop();
    if (typeof node !== 'object' || node === null || seen.has(node)) continue;
    seen.add(node);
    if (node instanceof RegExp) {
      found.push(node);
      continue;
    }
    for (const child of Array.isArray(node) ? (node as unknown[]) : Object.values(node)) pending.push(child);
  }
  return found;
}
