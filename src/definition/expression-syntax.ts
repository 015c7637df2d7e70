import { checkExpression, checkTemplate, isTemplate, referencedRoots, templateExpressions } from '../expression/index.ts';
import type { ExpressionSite } from './expression-sites.ts';

/** What is wrong with the syntax of a site's expression or template parts; empty when it all parses. */
export function siteSyntaxProblems(site: ExpressionSite): string[] {
  if (site.form === 'expression') return messagesOf([checkExpression(site.text)]);
  if (!isTemplate(site.text)) return [];
  const template = checkTemplate(site.text);
  if (template !== null) return [template.message];
  return messagesOf(templateExpressions(site.text).map((source) => checkExpression(source)));
}

/** The top-level variables a site's expressions read; empty for a site that does not parse. */
export function siteVariables(site: ExpressionSite): string[] {
  if (siteSyntaxProblems(site).length > 0) return [];
  const sources = site.form === 'expression' ? [site.text] : isTemplate(site.text) ? templateExpressions(site.text) : [];
  return [...new Set(sources.flatMap((source) => referencedRoots(source)))];
}

function messagesOf(problems: readonly ({ message: string } | null)[]): string[] {
  return problems.flatMap((problem) => (problem === null ? [] : [problem.message]));
}
