import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { loadDefinitionFiles } from '../../../src/definition/load-definition-files.ts';
import { documentFromValue, parseDocuments } from '../../../src/definition/parse-documents.ts';
import { EXAMPLES_DIR } from './definition-test-helpers.ts';

const TWO_DOCUMENTS = `kind: Team
id: csm
---
kind: Workflow
id: refund
steps:
  - id: review
    type: approval
  - id: pay
    type: action
    next: done
`;

function syntaxErrorOf(work: () => unknown): InvalidInputError {
  try {
    work();
  } catch (error) {
    assert.ok(error instanceof InvalidInputError, `expected InvalidInputError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected a syntax error');
}

void describe('parseDocuments', () => {
  void it('splits documents on --- and keeps each one\'s index and source', () => {
    const documents = parseDocuments(TWO_DOCUMENTS, { source: 'refund.yaml' });
    assert.equal(documents.length, 2);
    assert.deepEqual(documents[0]?.value, { kind: 'Team', id: 'csm' });
    assert.equal(documents[1]?.index, 1);
    assert.equal(documents[1]?.source, 'refund.yaml');
  });

  void it('maps a path to the line and column of its value, or of its key', () => {
    const workflow = parseDocuments(TWO_DOCUMENTS)[1]!;
    assert.deepEqual(workflow.locate(['steps', 1, 'next']), { line: 11, column: 11 });
    assert.deepEqual(workflow.locate(['steps', 1, 'next'], { at: 'key' }), { line: 11, column: 5 });
    assert.deepEqual(workflow.locate(['steps', 0]), { line: 7, column: 5 });
  });

  void it('maps a missing path to its nearest present parent', () => {
    const workflow = parseDocuments(TWO_DOCUMENTS)[1]!;
    assert.deepEqual(workflow.locate(['steps', 0, 'assignee', 'team']), { line: 7, column: 5 });
  });

  void it('reads JSON, which is YAML', () => {
    const [document] = parseDocuments('{"kind": "Team", "id": "risk", "members": []}');
    assert.deepEqual(document?.value, { kind: 'Team', id: 'risk', members: [] });
    assert.deepEqual(document?.locate(['id']), { line: 1, column: 24 });
  });

  void it('skips empty documents but keeps the file positions of the others', () => {
    const documents = parseDocuments('---\nkind: Team\nid: a\n---\n# nothing\n---\nkind: Team\nid: b\n');
    assert.deepEqual(documents.map((document) => document.index), [0, 2]);
  });

  void it('reports YAML syntax errors with file, line and column', () => {
    const error = syntaxErrorOf(() => parseDocuments('kind: Workflow\nid: x\nsteps: [a, b\n', { source: 'bad.yaml' }));
    assert.equal(error.code, 'definition_invalid');
    assert.equal(error.issues.length, 1);
    assert.match(error.issues[0]!.path, /^bad\.yaml:\d+:\d+$/);
    assert.match(error.message, /bad\.yaml:\d+:\d+: /);
  });

  void it('reports every syntax error, in every document', () => {
    const error = syntaxErrorOf(() => parseDocuments('a: 1\na: 2\n---\nb: [1\n---\nc: ok\n', { source: 'two.yaml' }));
    assert.equal(error.issues.length, 2);
    assert.equal(error.issues[0]!.path, 'two.yaml:2:1');
    assert.match(error.issues[0]!.message, /^two\.yaml:2:1: Map keys must be unique$/);
    assert.match(error.issues[1]!.path, /^two\.yaml:[56]:\d+$/);
    assert.match(error.message, /^2 syntax errors in the definition/);
  });

  void it('makes documents without positions from plain data', () => {
    const document = documentFromValue({ kind: 'Team', id: 'x' }, { index: 3 });
    assert.equal(document.index, 3);
    assert.equal(document.locate(['id']), undefined);
  });
});

void describe('loadDefinitionFiles', () => {
  void it('loads a directory of examples, in name order, with each document\'s file', async () => {
    const documents = await loadDefinitionFiles([EXAMPLES_DIR]);
    const sources = [...new Set(documents.map((document) => document.source?.split('/').at(-1)))];
    assert.deepEqual(sources, [
      'customer-refund-by-reason.yaml',
      'customer-refund-credit-note.yaml',
      'customer-refund-csat.yaml',
      'customer-refund.yaml',
      'dispute-evidence.yaml',
      'fraud-warning-refund.yaml',
      'personalize-orders.yaml',
      'tag-valuable-customers.yaml',
    ]);
    assert.equal(documents.filter((document) => (document.value as { kind: string }).kind === 'Workflow').length, 8);
  });

  void it('reads .yaml, .yml and .json files in nested folders, and skips other files', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tollgate-definitions-'));
    mkdirSync(join(root, 'teams'));
    writeFileSync(join(root, 'a.yml'), 'kind: Team\nid: a\n');
    writeFileSync(join(root, 'teams', 'b.json'), '{"kind": "Team", "id": "b"}');
    writeFileSync(join(root, 'notes.txt'), 'not: a definition');
    const documents = await loadDefinitionFiles([root]);
    assert.deepEqual(documents.map((document) => (document.value as { id: string }).id), ['a', 'b']);
  });

  void it('collects syntax errors over all files before failing', async () => {
    const root = mkdtempSync(join(tmpdir(), 'tollgate-definitions-'));
    writeFileSync(join(root, 'one.yaml'), 'a: [1\n');
    writeFileSync(join(root, 'two.yaml'), 'b: 1\nb: 2\n');
    await assert.rejects(loadDefinitionFiles([root]), (error: unknown) => {
      assert.ok(error instanceof InvalidInputError);
      assert.equal(error.code, 'definition_invalid');
      assert.deepEqual(error.issues.map((issue) => issue.path.split('/').at(-1)?.split(':')[0]), ['one.yaml', 'two.yaml']);
      return true;
    });
  });

  void it('refuses a path that does not exist, or a folder without definitions', async () => {
    await assert.rejects(loadDefinitionFiles(['/nonexistent/tollgate.yaml']), { code: 'definition_path_invalid', message: /no such file/ });
    const empty = mkdtempSync(join(tmpdir(), 'tollgate-empty-'));
    await assert.rejects(loadDefinitionFiles([empty]), { code: 'definition_path_invalid', message: /holds no \.yaml/ });
  });
});
