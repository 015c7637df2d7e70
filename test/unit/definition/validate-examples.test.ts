import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { formatIssue } from '../../../src/definition/definition-issue.ts';
import { loadDefinitionFiles } from '../../../src/definition/load-definition-files.ts';
import { assertValid, validateDocuments } from '../../../src/definition/validate-documents.ts';
import { EXAMPLE_FILES, EXAMPLES_DIR } from './definition-test-helpers.ts';
import { catalogOf } from '../../../src/definition/operation-spec.ts';
import { builtInOperationSpecs } from '../../../src/connectors/built-in-operation-specs.ts';

// The examples run as written against the real operations of this build.
const operations = catalogOf(builtInOperationSpecs());

void describe('the seed examples', () => {
  for (const file of EXAMPLE_FILES) {
    void it(`${file} validates with no issues, on its own`, async () => {
      const result = validateDocuments(await loadDefinitionFiles([join(EXAMPLES_DIR, file)]), { operations });
      assert.deepEqual(result.ok ? [] : result.issues.map(formatIssue), []);
    });
  }

  void it('validate together, and come back parsed with defaults applied', async () => {
    const documents = assertValid(await loadDefinitionFiles([EXAMPLES_DIR]), { operations, knownTeams: [], knownWorkflows: [] });
    const refund = documents.find((document) => document.kind === 'Workflow' && document.id === 'customer-refund');
    assert.ok(refund?.kind === 'Workflow');
    const review = refund.steps[0];
    assert.ok(review?.type === 'approval');
    assert.equal(review.quorum, 'any');
    const service = documents.find((document) => document.kind === 'Service');
    assert.ok(service?.kind === 'Service');
    assert.equal(service.offerings[0]?.version, 'latest');
    assert.equal(documents.length, 19, 'the four seed files, the three customer-refund adaptations and dispute-evidence (a workflow and its team)');
  });
});
