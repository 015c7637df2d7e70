import assert from 'node:assert/strict';
import { it } from 'node:test';
import { formatDuration } from '../../../web/src/ui/time.ts';

void it('reads a duration in its largest unit, rounded before it is split, so no part reads 60', () => {
  const cases: [number | null, string][] = [
    [null, '—'],
    [0, '0 ms'],
    [999.4, '999 ms'],
    [999.6, '1.0 s'],
    [1_500, '1.5 s'],
    [59_940, '59.9 s'],
    [59_970, '1 min 0 s'],
    [119_600, '2 min 0 s'],
    [125_000, '2 min 5 s'],
    [3_599_400, '59 min 59 s'],
    [3_599_700, '1 h 0 min'],
    [71 * 3_600_000 + 59.6 * 60_000, '72 h 0 min'],
    [2 * 3_600_000 + 5 * 60_000, '2 h 5 min'],
  ];
  for (const [ms, text] of cases) assert.equal(formatDuration(ms), text, `${ms} ms`);
});
