// `npm run docs` (after the reference): writes the layer table of docs/architecture.md from scripts/layers.js,
// between its markers. test/unit/lint-boundaries.test.ts fails when the two differ.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { layerTableMarkdown } from './layers.js';

const START = '<!-- layer table: from scripts/layers.js by `npm run docs` -->';
const END = '<!-- end of layer table -->';
const path = fileURLToPath(new URL('../docs/architecture.md', import.meta.url));
const doc = readFileSync(path, 'utf8');
const start = doc.indexOf(START);
const end = doc.indexOf(END);
if (start < 0 || end < start) throw new Error(`${path} lacks the layer table markers ${START} … ${END}`);
writeFileSync(path, `${doc.slice(0, start + START.length)}\n${layerTableMarkdown()}\n${doc.slice(end)}`);
console.log('wrote the layer table of docs/architecture.md');
