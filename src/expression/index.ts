/** The expression layer: JSONata evaluation, templates and money helpers. */
export { currencyExponent, formatAmount, formatMajorOrUndefined, formatMinorOrUndefined, formatMoney, toMajor, toMinor } from './money.ts';
export { checkExpression, compileExpression, evaluate, DEFAULT_MAX_DEPTH, DEFAULT_TIMEOUT_MS } from './expression.ts';
export type { CompiledExpression, EvaluateOptions } from './expression.ts';
export { evaluateCondition, isTruthy } from './condition.ts';
export { compileLinearPattern, LinearRegExp } from './linear-regexp.ts';
export { referencedRoots } from './referenced-roots.ts';
export { checkTemplate, isTemplate, parseTemplate } from './template-parser.ts';
export type { ParsedTemplate, TemplatePart } from './template-parser.ts';
export { checkTemplates, listTemplateExpressions, renderTemplate, templateExpressions } from './template.ts';
export type { RenderOptions, TemplateExpression } from './template.ts';
