import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDocuments } from '../../../src/definition/parse-documents.ts';
import { validateDocuments } from '../../../src/definition/validate-documents.ts';
import { fakeOperations } from './fake-operations.ts';

const scheduled = (cron: string, timezone: string) => `
kind: Workflow
id: nightly
trigger: { type: schedule, cron: "${cron}", timezone: ${timezone} }
steps:
  - { id: note, type: set, values: { at: "{{ schedule.tick }}" } }
`;

const messages = (yaml: string) => {
  const result = validateDocuments(parseDocuments(yaml), { operations: fakeOperations });
  return result.ok ? [] : result.issues.map((issue) => issue.message);
};

void describe('schedule triggers', () => {
  void it('take a cron expression and an IANA time zone', () => {
    assert.deepEqual(messages(scheduled('0 2 * * *', 'Europe/Paris')), []);
  });

  void it('refuse a cron expression that does not parse, before anything is saved', () => {
    const [message] = messages(scheduled('61 * * * *', 'UTC'));
    assert.match(message ?? '', /^trigger\.cron: "61 \* \* \* \*" is not a cron expression .*e\.g\. "0 9 \* \* 1-5"/);
  });

  void it('refuse an unknown time zone', () => {
    assert.deepEqual(messages(scheduled('0 2 * * *', 'Mars/Olympus')), ['trigger.timezone: "Mars/Olympus" is not an IANA time zone; write one such as UTC, Europe/Paris or America/New_York']);
  });
});
