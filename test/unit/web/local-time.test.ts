// The time filters (runs, events) turn a datetime-local value, in the browser's time zone, into the instant
// the API takes: one shared helper in web/src/ui/time.ts.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runListFilter } from '../../../web/src/features/runs/run-search.ts';
import { localTimeOf, localTimeToIso } from '../../../web/src/ui/time.ts';

// The browser's time zone, as a person in Paris has it (UTC+1 in winter, +2 in summer).
process.env.TZ = 'Europe/Paris';

void describe('a local time as an instant', () => {
  void it("reads the value in the browser's time zone, to the minute or the second", () => {
    assert.equal(localTimeToIso('2026-03-01T10:00'), '2026-03-01T09:00:00.000Z');
    assert.equal(localTimeToIso('2026-07-01T10:00:30'), '2026-07-01T08:00:30.000Z');
  });

  void it('writes a time back as a datetime-local input takes it, to the minute', () => {
    assert.equal(localTimeOf(new Date('2026-03-01T09:00:59.000Z')), '2026-03-01T10:00');
    assert.equal(localTimeOf(new Date('2026-07-01T22:05:00.000Z')), '2026-07-02T00:05');
  });

  void it('is undefined for no value or a value that is no time', () => {
    assert.equal(localTimeToIso(undefined), undefined);
    assert.equal(localTimeToIso('2026-13-45T99:99'), undefined);
  });

  void it("is what the runs filter sends as created_after and created_before", () => {
    const filter = runListFilter({ from: '2026-03-01T10:00', to: '2026-03-02T00:00' }, Date.parse('2026-03-05T00:00:00Z'));
    assert.deepEqual([filter.created_after, filter.created_before], ['2026-03-01T09:00:00.000Z', '2026-03-01T23:00:00.000Z']);
  });

  void it('sends a relative window as created_after, the time it starts when the list is asked for', () => {
    const filter = runListFilter({ status: 'failed', within: '24h' }, Date.parse('2026-03-05T08:30:00Z'));
    assert.deepEqual([filter.status, filter.created_after, filter.created_before], ['failed', '2026-03-04T08:30:00.000Z', undefined]);
    assert.equal(runListFilter({ within: '24h' }, Date.parse('2026-03-06T08:30:00Z')).created_after, '2026-03-05T08:30:00.000Z', 'a day later, the window has moved a day');
  });
});
