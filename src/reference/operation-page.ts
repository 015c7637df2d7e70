import { stringify } from 'yaml';
import type { OperationSpec } from '../definition/operation-spec.ts';
import { builtInOperationSpecs } from '../connectors/built-in-operation-specs.ts';
import { blocks, code, codeBlock, GENERATED_NOTICE, table } from './markdown.ts';

/** Every operation an action step may `use`, by name. */
export function referenceOperations(): OperationSpec[] {
  return builtInOperationSpecs().sort((a, b) => a.name.localeCompare(b.name));
}

/** The action step the reference shows for an operation: its example `with`, under an id made of its name. */
export function exampleStep(spec: OperationSpec): Record<string, unknown> {
  return { id: spec.name.split('.').slice(1).join('_'), type: 'action', uses: spec.name, with: spec.example ?? {} };
}

/** The table `tollgate operations` prints: name, connector, whether it moves money, what it does. */
export function operationsTable(specs: readonly OperationSpec[] = referenceOperations()): string {
  const rows = specs.map((spec) => [code(spec.name), connectorText(spec), spec.movesMoney === true ? 'yes' : '', spec.description]);
  return `${table(['operation', 'connector', 'moves money', 'description'], rows)}\n`;
}

/** One operation in full, as `tollgate operations NAME` prints it and docs/operations.md holds it. */
export function operationSection(spec: OperationSpec): string {
  // An object parameter that lists its fields shows each as `name.field` below it.
  const params = Object.entries(spec.params).flatMap(([name, param]) => [
    [code(name), param.type ?? 'any', param.required === true ? 'yes' : '', param.description ?? ''],
    ...Object.entries(param.fields ?? {}).map(([field, inner]) => [code(`${name}.${field}`), inner.type ?? 'any', '', inner.description ?? '']),
  ]);
  const facts = [
    `- Connector: ${connectorText(spec)}`,
    `- Moves money: ${spec.movesMoney === true ? 'yes (its step shows as money-moving in approval reviews; validation warns when two active workflows move money on one event)' : 'no'}`,
    ...(spec.docsUrl === undefined ? [] : [`- Wraps: ${spec.docsUrl}`]),
    ...(spec.additionalParams === true ? ['- Takes parameters beyond those listed'] : []),
  ];
  return blocks(
    `## ${spec.name}`,
    spec.description,
    facts.join('\n'),
    params.length === 0 ? 'No parameters.' : table(['parameter', 'type', 'required', 'description'], params),
    'Example step:',
    codeBlock('yaml', stringify([exampleStep(spec)], { flowCollectionPadding: true })),
  );
}

export function operationsPage(): string {
  const specs = referenceOperations();
  return [
    blocks(
      GENERATED_NOTICE,
      '# Operations',
      'What an `action` step may `use`, with the parameters it takes under `with` (strings there are templates). `tollgate operations` prints this table and `tollgate operations NAME` one operation. Amounts are in minor units (cents), as in Stripe: `$minor(19.99, "usd")` gives 1999.',
      operationsTable(specs).trimEnd(),
    ),
    ...specs.map(operationSection),
  ].join('\n');
}

function connectorText(spec: OperationSpec): string {
  if (spec.connectorType === null) return 'none';
  return spec.connectorOptional === true ? `${spec.connectorType} (optional)` : spec.connectorType;
}
