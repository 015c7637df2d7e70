/**
 * A saved view's query string checked as what it is: the query of a page's
 * URL, without the `?`, as the page writes it (`status=failed&workflow=refund`):
 * bounded in length, well encoded, each of the page's own filter keys at most
 * once with a value, a choice only among its values (saved-view-pages.ts).
 */
import type { Issue } from './errors.ts';
import { MAX_VIEW_FILTER_VALUE_LENGTH, MAX_VIEW_QUERY_LENGTH, VIEW_PAGE_FILTERS, viewFilterKeys, type ViewPage } from './saved-view-pages.ts';

/** A `%` that does not start an escape (`%2F`). */
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;

/**
 * What is wrong with `query` as a query string of `page`, each problem at `path`; empty when it is fine.
 * The empty string is fine: the page with no filter.
 * @example savedViewQueryIssues('runs', 'status=lost', 'body.query') // [{ path: 'body.query', message: 'body.query: status must be one of running, …' }]
 */
export function savedViewQueryIssues(page: ViewPage, query: string, path: string): Issue[] {
  const issue = (message: string): Issue => ({ path, message: `${path}: ${message}` });
  if (query.length > MAX_VIEW_QUERY_LENGTH) return [issue(`${query.length} characters is more than a view keeps (${MAX_VIEW_QUERY_LENGTH}); save fewer or shorter filters`)];
  if (query.startsWith('?')) return [issue('give the query string without its leading "?", as in `status=failed&workflow=refund`')];
  if (query.includes('#')) return [issue('a query string holds no "#" (encode it as %23)')];
  if (query === '') return [];
  const keys = viewFilterKeys(page);
  const seen = new Set<string>();
  const issues: Issue[] = [];
  for (const [index, pair] of query.split('&').entries()) {
    const where = `pair ${index + 1} ("${pair.slice(0, 40)}")`;
    const equals = pair.indexOf('=');
    if (equals <= 0) {
      issues.push(issue(`${where} is not key=value`));
      continue;
    }
    const key = decoded(pair.slice(0, equals));
    const value = decoded(pair.slice(equals + 1));
    if (key === undefined || value === undefined) {
      issues.push(issue(`${where} is not URL-encoded: a "%" starts a two-digit hex escape (%25 for "%" itself)`));
      continue;
    }
    if (!keys.includes(key)) {
      issues.push(issue(`the ${page} page has no filter "${key}"; its filters are ${keys.join(', ')}`));
      continue;
    }
    if (seen.has(key)) issues.push(issue(`"${key}" is given twice; a page keeps one value per filter`));
    seen.add(key);
    const problem = valueProblem(page, key, value);
    if (problem !== undefined) issues.push(issue(problem));
  }
  for (const filter of VIEW_PAGE_FILTERS[page]) {
    const clashing = seen.has(filter.key) ? (filter.excludes ?? []).filter((key) => seen.has(key)) : [];
    if (clashing.length > 0) issues.push(issue(`"${filter.key}" cannot be given with ${clashing.map((key) => `"${key}"`).join(' or ')}; keep one of them`));
  }
  return issues;
}

function valueProblem(page: ViewPage, key: string, value: string): string | undefined {
  if (value.trim() === '') return `"${key}" has no value; leave the filter out instead`;
  if (value.length > MAX_VIEW_FILTER_VALUE_LENGTH) return `"${key}" is ${value.length} characters long, more than a filter takes (${MAX_VIEW_FILTER_VALUE_LENGTH})`;
  const choices = VIEW_PAGE_FILTERS[page].find((filter) => filter.key === key)?.choices?.map((choice) => choice.value);
  if (choices !== undefined && !choices.includes(value)) return `"${key}" must be ${choices.length === 1 ? `"${choices[0]}" or left out` : `one of ${choices.join(', ')}`}, not "${value.slice(0, 40)}"`;
  return undefined;
}

/** The text of an encoded key or value (`+` is a space, as in a form); undefined when an escape is broken. */
function decoded(text: string): string | undefined {
  if (BAD_ESCAPE.test(text)) return undefined;
  try {
    return decodeURIComponent(text.replaceAll('+', ' '));
  } catch {
    // A valid-looking escape that is not UTF-8 (`%FF`).
    return undefined;
  }
}
