import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TollgateError } from '../../../src/core/errors.ts';
import { DEFINITION_FORMAT, DEFINITION_UPGRADES, readStoredDefinition, type DefinitionUpgrade } from '../../../src/definition/stored-definition.ts';

const workflow = {
  kind: 'Workflow',
  id: 'refund',
  trigger: { type: 'manual', input: [] },
  steps: [{ id: 'done', type: 'end', status: 'succeeded' }],
};

/** A made-up format 0 that named the step list `nodes`: its upgrade renames it. */
const fromZero: DefinitionUpgrade = {
  from: 0,
  upgrade: (value) => {
    const { nodes, ...rest } = value as { nodes: unknown };
    return { ...rest, steps: nodes };
  },
};

function refusal(code: string, message: RegExp): (error: unknown) => boolean {
  return (error) => {
    assert.ok(error instanceof TollgateError);
    assert.equal(error.code, code);
    assert.match(error.message, message);
    return true;
  };
}

void describe('reading a stored definition', () => {
  void it('reads the current format: a valid workflow comes back as it was written', () => {
    assert.equal(DEFINITION_FORMAT, 1);
    assert.deepEqual(readStoredDefinition({ workflowId: 'refund', version: 3, format: 1, value: workflow }), workflow);
  });

  void it('applies schema defaults a stored definition leaves out', () => {
    const { steps, ...rest } = workflow;
    const read = readStoredDefinition({ workflowId: 'refund', version: 'draft', format: 1, value: { ...rest, steps: [{ id: 'done', type: 'end' }] } });
    assert.deepEqual(read.steps, steps);
  });

  void it('has no upgrades while format 1 is the only format', () => {
    assert.deepEqual(DEFINITION_UPGRADES, []);
  });

  void it('upgrades an older format through the chain, then validates the result', () => {
    const { steps, ...rest } = workflow;
    const read = readStoredDefinition({ workflowId: 'refund', version: 2, format: 0, value: { ...rest, nodes: steps } }, { upgrades: [fromZero] });
    assert.deepEqual(read, workflow);
  });

  void it('runs each upgrade in turn from the stored format to the current one', () => {
    const seen: number[] = [];
    const tracing = (from: number): DefinitionUpgrade => ({ from, upgrade: (value) => (seen.push(from), value) });
    readStoredDefinition({ workflowId: 'refund', version: 2, format: 0, value: workflow }, { current: 3, upgrades: [tracing(2), tracing(0), tracing(1)] });
    assert.deepEqual(seen, [0, 1, 2]);
  });

  void it('refuses an older format with no upgrade, naming the workflow and version', () => {
    assert.throws(
      () => readStoredDefinition({ workflowId: 'refund', version: 2, format: 0, value: workflow }),
      refusal('definition_format_unsupported', /^version 2 of workflow "refund" is stored in definition format 0; this build reads formats up to 1 \(no upgrade from format 0 exists\)$/),
    );
  });

  void it('refuses a newer format it does not know, saying what this build reads', () => {
    assert.throws(
      () => readStoredDefinition({ workflowId: 'refund', version: 'draft', format: 99, value: workflow }),
      refusal('definition_format_unsupported', /^the draft of workflow "refund" is stored in definition format 99; this build reads formats up to 1 \(it was written by a newer Tollgate/),
    );
  });

  void it('refuses an invalid definition with the workflow, the version and the first problem', () => {
    const invalid = { ...workflow, steps: [{ id: 'done', type: 'teleport' }] };
    assert.throws(() => readStoredDefinition({ workflowId: 'refund', version: 4, format: 1, value: invalid }), (error) => {
      refusal('stored_definition_invalid', /^version 4 of workflow "refund" is stored invalid: steps\[0\]\.type: .*teleport/)(error);
      assert.equal((error as TollgateError).path, 'steps[0].type');
      return true;
    });
  });

  void it('refuses a stored document that is not a workflow', () => {
    const team = { kind: 'Team', id: 'ops', members: [] };
    assert.throws(() => readStoredDefinition({ workflowId: 'ops', version: 1, format: 1, value: team }), refusal('stored_definition_invalid', /it is a Team document, not a Workflow/));
  });
});
