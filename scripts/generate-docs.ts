// `npm run docs`: writes docs/ and the README's Reference block from src/reference.
// The test suite fails when either differs from what this writes.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { referenceFiles } from '../src/reference/docs-files.ts';
import { withReadmeSection } from '../src/reference/readme-section.ts';

const root = fileURLToPath(new URL('../', import.meta.url));
for (const [path, text] of referenceFiles()) {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
  console.log(`wrote ${path}`);
}
const readme = join(root, 'README.md');
writeFileSync(readme, withReadmeSection(readFileSync(readme, 'utf8')));
console.log('wrote the Reference block of README.md');
