import { blocks, code, GENERATED_NOTICE, table } from './markdown.ts';
import { EXPRESSION_HELPERS, type HelperDoc } from './expression-helpers.ts';

function helperTable(helpers: readonly HelperDoc[]): string {
  return table(
    ['helper', 'use', 'example', 'gives'],
    helpers.map((helper) => [code(helper.signature), helper.description, code(helper.example.expression), code(JSON.stringify(helper.example.result))]),
  );
}

/** Expressions, templates and helpers, as `tollgate docs expressions` prints it and docs/expressions.md holds it. */
export function expressionsPage(): string {
  return blocks(
    GENERATED_NOTICE,
    '# Expressions',
    'Conditions (`when` of a trigger or a decision branch, `items` of a foreach, `until` of a wait) are bare [JSONata](https://docs.jsonata.org) expressions: `object.amount > 10000`. Strings in `with`, `values`, `input`, an email\'s subject and an end step\'s outcome are templates: `{{ expression }}` is replaced by its value, and a string that is only one `{{ expression }}` keeps the value\'s type (a number stays a number). Evaluation is bounded in time, depth and size; regular expressions run in linear time.',
    'Money is in minor units with an ISO currency, as in Stripe. In floating point `19.99 * 100` is `1998.9999999999998`; `$minor(19.99, "usd")` is `1999`.',
    '## Tollgate\'s functions',
    helperTable(EXPRESSION_HELPERS.filter((helper) => helper.origin === 'tollgate')),
    '## JSONata',
    'Every [JSONata function](https://docs.jsonata.org/overview) is available; these are the ones workflows use most. `$now()` and `$millis()` give the time of the evaluation.',
    helperTable(EXPRESSION_HELPERS.filter((helper) => helper.origin === 'jsonata')),
  );
}
