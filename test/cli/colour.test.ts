import assert from 'node:assert/strict';
import { test } from 'node:test';
import { colourEnabled, paletteFor, statusTableStyle } from '../../src/cli/colour.ts';
import { formatTable } from '../../src/cli/output.ts';

test('colour is on at a terminal and off in a pipe, with NO_COLOR, or with --no-color; FORCE_COLOR turns it on', () => {
  assert.equal(colourEnabled({ env: {}, isTTY: true }), true);
  assert.equal(colourEnabled({ env: {}, isTTY: false }), false);
  assert.equal(colourEnabled({ env: { NO_COLOR: '1' }, isTTY: true }), false);
  assert.equal(colourEnabled({ env: { NO_COLOR: '' }, isTTY: true }), true, 'an empty NO_COLOR is unset');
  assert.equal(colourEnabled({ env: { FORCE_COLOR: '1' }, isTTY: false }), true);
  assert.equal(colourEnabled({ env: { FORCE_COLOR: '0' }, isTTY: true }), true, 'FORCE_COLOR=0 forces nothing');
  assert.equal(colourEnabled({ env: { FORCE_COLOR: '0' }, isTTY: false }), false);
  assert.equal(colourEnabled({ env: { FORCE_COLOR: '1', NO_COLOR: '1' }, isTTY: false }), true, 'FORCE_COLOR wins over NO_COLOR, as in Node');
  assert.equal(colourEnabled({ color: false, env: { FORCE_COLOR: '1' }, isTTY: true }), false, '--no-color wins over everything');
});

test('status words take the colour of what they mean; unknown words and plain palettes stay as they are', () => {
  const palette = paletteFor({ env: { FORCE_COLOR: '1' } });
  assert.equal(palette.status('succeeded'), '\u001b[32msucceeded\u001b[39m');
  assert.equal(palette.status('failed'), '\u001b[31mfailed\u001b[39m');
  assert.equal(palette.status('waiting'), '\u001b[33mwaiting\u001b[39m');
  assert.equal(palette.status('whatever'), 'whatever');
  assert.equal(palette.heading('path'), '\u001b[1mpath\u001b[22m');
  const plain = paletteFor({ env: { NO_COLOR: '1' }, isTTY: true });
  assert.equal(plain.status('failed'), 'failed');
  assert.equal(plain.heading('path'), 'path');
});

test('a coloured table keeps its columns where the plain one has them', () => {
  const rows = [
    ['r_1', 'succeeded', 'x'],
    ['r_22', 'failed', 'y'],
  ];
  const plain = formatTable(['id', 'status', 'note'], rows);
  const coloured = formatTable(['id', 'status', 'note'], rows, statusTableStyle(paletteFor({ env: { FORCE_COLOR: '1' } }), 1));
  assert.notEqual(coloured, plain);
  // eslint-disable-next-line no-control-regex -- the escape codes are what is taken out
  assert.equal(coloured.replace(/\u001b\[\d+m/g, ''), plain);
});
