import { blocks, code, GENERATED_NOTICE, table } from './markdown.ts';
import { ENV_NOTE, VARIABLES } from './variable-docs.ts';

/** The variables in scope, as `tollgate docs variables` prints it and docs/variables.md holds it. */
export function variablesPage(): string {
  const rows = VARIABLES.map((variable) => [code(variable.name), variable.scope, variable.description, code(variable.example.expression), code(JSON.stringify(variable.example.result))]);
  return blocks(
    GENERATED_NOTICE,
    '# Variables',
    'Expressions and templates read variables by name: `object.amount`, `charge.id`. Validation refuses a name that no trigger or earlier step provides, and says which step sets it when that step never runs before. Each example is evaluated by the test suite over sample values.',
    table(['variable', 'in scope', 'what it holds', 'example', 'gives'], rows),
    `## env\n\n${ENV_NOTE}`,
  );
}
