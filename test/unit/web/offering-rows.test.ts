import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Offering, WorkflowListItem } from '../../../web/src/api/types.ts';
import { moveRow, newRow, offeringsBody, rowId, rowsOf, type OfferingRow } from '../../../web/src/features/catalog/offering-rows.ts';
import { latestLabel, workflowChoices } from '../../../web/src/features/catalog/workflow-choices.ts';

const saved = (id: string, change: Partial<Offering> = {}): Offering => ({
  id,
  service: 'billing',
  service_title: 'Billing',
  title: id,
  description: null,
  workflow: 'refund',
  version: 'latest',
  resolved_version: 1,
  status: 'published',
  available: true,
  unavailable_reason: null,
  form: [],
  ...change,
});

test('a service’s offerings become rows and go back as the whole list, in order; a new row’s id follows its title until typed', () => {
  const rows = rowsOf([saved('refund', { title: 'Refund', description: 'Give money back' }), saved('note', { version: 2, status: 'draft' })]);
  const added = { ...newRow('new-0'), title: 'Goodwill credit', workflow: 'customer-refund' };
  assert.equal(rowId(added), 'goodwill-credit');
  assert.equal(rowId({ ...added, typedId: 'gw' }), 'gw');
  assert.deepEqual(offeringsBody([...rows, added]), [
    { id: 'refund', title: 'Refund', description: 'Give money back', workflow: 'refund', version: 'latest', status: 'published' },
    { id: 'note', title: 'note', workflow: 'refund', version: 2, status: 'draft' },
    { id: 'goodwill-credit', title: 'Goodwill credit', workflow: 'customer-refund', version: 'latest', status: 'published' },
  ]);
  assert.equal(offeringsBody([{ ...added, description: '   ' }])[0]?.description, undefined, 'a blank description is none');
});

test('a row moves one place up or down, and stays where it cannot', () => {
  const rows: OfferingRow[] = ['a', 'b', 'c'].map((id) => ({ ...newRow(id), typedId: id }));
  const ids = (list: OfferingRow[]) => list.map(rowId);
  assert.deepEqual(ids(moveRow(rows, 2, -1)), ['a', 'c', 'b']);
  assert.deepEqual(ids(moveRow(rows, 0, 1)), ['b', 'a', 'c']);
  assert.deepEqual(ids(moveRow(rows, 0, -1)), ['a', 'b', 'c']);
  assert.deepEqual(ids(moveRow(rows, 2, 1)), ['a', 'b', 'c']);
});

test('the workflow picker offers the form-triggered workflows, and keeps one an offering names even without a form', () => {
  const workflow = (id: string, type: 'form' | 'manual', change: Partial<WorkflowListItem> = {}): WorkflowListItem =>
    ({ id, title: id, status: 'active', latest_version: 2, active_version: 2, trigger_type: type, trigger: { type }, ...change }) as WorkflowListItem;
  const choices = workflowChoices(
    [workflow('refund', 'form', { title: 'Customer refund' }), workflow('by-hand', 'manual'), workflow('quick', 'form', { status: 'inactive', active_version: null }), workflow('old', 'form', { status: 'archived' })],
    ['by-hand', 'gone', ''],
  );
  assert.deepEqual(
    choices.map((choice) => [choice.id, choice.label, choice.versions]),
    [
      ['refund', 'Customer refund (refund)', [2, 1]],
      ['quick', 'quick — inactive', [2, 1]],
      ['by-hand', 'by-hand — manual trigger, no form', [2, 1]],
      ['gone', 'gone — not found', []],
    ],
  );
  assert.equal(latestLabel(choices[0]), 'Latest (now version 2)');
  assert.equal(latestLabel(choices[1]), 'Latest (the active version)');
  assert.equal(latestLabel(undefined), 'Latest (the active version)');
});
