import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readDefinitionColumn } from '../../../src/store/stored-definition-reads.ts';

const workflow = { kind: 'Workflow', id: 'reads', title: 'Reads', trigger: { type: 'manual' }, steps: [{ id: 'done', type: 'end', outcome: 'Done' }] };

void describe('reading a stored definition column', () => {
  void it('validates a text once and hands every later read its own equal copy', () => {
    const text = JSON.stringify(workflow);
    const first = readDefinitionColumn({ workflowId: 'reads', version: 1, format: 1, text });
    const second = readDefinitionColumn({ workflowId: 'reads', version: 1, format: 1, text });
    assert.deepEqual(second, first);
    assert.notEqual(second, first, 'a caller that changes its copy must not change the next read');
    assert.equal(first.steps[0]?.id, 'done');
  });

  void it('refuses an invalid text on every read, and a format this build cannot read even when the same text was valid', () => {
    const invalid = JSON.stringify({ ...workflow, steps: [{ id: 'done', type: 'teleport' }] });
    for (let read = 0; read < 2; read += 1) {
      assert.throws(() => readDefinitionColumn({ workflowId: 'reads', version: 'draft', format: 1, text: invalid }), { code: 'stored_definition_invalid' });
    }
    const text = JSON.stringify(workflow);
    readDefinitionColumn({ workflowId: 'reads', version: 2, format: 1, text });
    assert.throws(() => readDefinitionColumn({ workflowId: 'reads', version: 2, format: 99, text }), { code: 'definition_format_unsupported' });
  });
});
