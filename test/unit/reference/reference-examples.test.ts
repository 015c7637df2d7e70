import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stringify } from 'yaml';
import { formatIssue } from '../../../src/definition/definition-issue.ts';
import { catalogOf, PARAM_TYPES } from '../../../src/definition/operation-spec.ts';
import { parseDocuments } from '../../../src/definition/parse-documents.ts';
import { stepDescriptors } from '../../../src/definition/steps/index.ts';
import { validateDocuments } from '../../../src/definition/validate-documents.ts';
import { compileExpression, evaluate } from '../../../src/expression/index.ts';
import { EXPRESSION_HELPERS } from '../../../src/reference/expression-helpers.ts';
import { exampleStep, referenceOperations } from '../../../src/reference/operation-page.ts';
import { TRIGGER_EXAMPLES } from '../../../src/reference/trigger-examples.ts';
import { VARIABLES } from '../../../src/reference/variable-docs.ts';
import { builtInOperationSpecs } from '../../../src/connectors/built-in-operation-specs.ts';

const operations = catalogOf(builtInOperationSpecs());

/** The problems (errors and warnings) of a YAML definition, as printed lines. */
function problems(yaml: string, source: string): string[] {
  // The workflow step's example calls the manual trigger's example.
  const result = validateDocuments(parseDocuments(yaml, { source }), { operations, knownWorkflows: ['refund-charge'] });
  return [...(result.ok ? [] : result.issues), ...result.warnings].map(formatIssue);
}

void describe('the reference examples', () => {
  void it('every trigger and step example is a valid definition', () => {
    const examples = { ...TRIGGER_EXAMPLES, ...Object.fromEntries(Object.entries(stepDescriptors).map(([type, descriptor]) => [`${type} step`, descriptor.reference.example])) };
    assert.equal(Object.keys(examples).length, 5 + 9);
    for (const [name, yaml] of Object.entries(examples)) assert.deepEqual(problems(yaml, `${name} example`), [], name);
  });

  void it('the check is real: a broken example is refused', () => {
    const broken = stepDescriptors.wait.reference.example.replace('next: first_email', 'next: frist_email');
    assert.match(problems(broken, 'broken').join('\n'), /no step "frist_email" \(did you mean "first_email"\?\)/);
  });

  void it('every operation has an example step that is valid in a workflow started by a dispute', () => {
    for (const spec of referenceOperations()) {
      assert.ok(spec.example, `${spec.name} has no example`);
      const workflow = { kind: 'Workflow', id: 'operation-example', trigger: { type: 'event', event: 'charge.dispute.created' }, steps: [exampleStep(spec)] };
      assert.deepEqual(problems(stringify(workflow), spec.name), [], spec.name);
    }
  });

  void it('every operation parameter has a type and a description, and every Stripe operation names its API page', () => {
    for (const spec of referenceOperations()) {
      for (const [name, param] of Object.entries(spec.params)) {
        assert.ok(param.type !== undefined && PARAM_TYPES.includes(param.type), `${spec.name} ${name}: no type`);
        assert.ok((param.description ?? '') !== '', `${spec.name} ${name}: no description`);
      }
      if (spec.connectorType === 'stripe') assert.match(spec.docsUrl ?? '', /^https:\/\/docs\.stripe\.com\/api((\/radar)?\/[a-z_]+\/[a-z_]+)?$/, spec.name);
    }
    assert.equal(referenceOperations().find((spec) => spec.name === 'stripe.refunds.create')?.docsUrl, 'https://docs.stripe.com/api/refunds/create');
  });

  void it('every expression helper and variable example evaluates to the result the reference shows', async () => {
    const examples = [...EXPRESSION_HELPERS, ...VARIABLES];
    assert.ok(EXPRESSION_HELPERS.some((helper) => helper.name === '$minor'));
    for (const { name, example } of examples) {
      assert.deepEqual(await evaluate(compileExpression(example.expression), example.variables), example.result, `${name}: ${example.expression}`);
    }
  });
});
