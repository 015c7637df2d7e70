import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newId } from '../../../src/core/ids.ts';

test('ids are prefixed, sort by their time, and carry 16 random hex digits', () => {
  const earlier = newId('run', new Date('2026-01-01T00:00:00Z'));
  const later = newId('run', new Date('2026-01-01T00:00:01Z'));
  assert.match(earlier, /^run_[0-9a-z]{9}[0-9a-f]{16}$/);
  assert.ok(earlier < later, 'a later id sorts after');
  const many = new Set(Array.from({ length: 10_000 }, () => newId('wi', new Date(0))));
  assert.equal(many.size, 10_000, 'ids made in the same millisecond differ');
});
