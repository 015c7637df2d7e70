/** The distinct names a global pattern (`{{ env.NAME }}`, `{{ secret.NAME }}`) captures in `value` (a string, or lists and objects of them), in order. */
export function referenceNames(value: unknown, pattern: RegExp): string[] {
  const names = new Set<string>();
  const visit = (item: unknown): void => {
    if (typeof item === 'string') {
      for (const match of item.matchAll(pattern)) if (match[1] !== undefined) names.add(match[1]);
    } else if (Array.isArray(item)) item.forEach(visit);
    else if (item && typeof item === 'object') Object.values(item).forEach(visit);
  };
  visit(value);
  return [...names];
}
