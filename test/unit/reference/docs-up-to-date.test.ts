import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { referenceFiles } from '../../../src/reference/docs-files.ts';
import { README_END, README_START, readmeSection } from '../../../src/reference/readme-section.ts';
import { TRIGGER_TYPES } from '../../../src/reference/trigger-page.ts';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const REGENERATE = 'docs/ is out of date with the code: run `npm run docs` and commit the result';

void describe('docs/ and the README Reference block', () => {
  const files = referenceFiles();

  void it('docs/ holds exactly what the generator writes now', () => {
    // docs/architecture.md is not reference: its layer table is checked by test/unit/lint-boundaries.test.ts.
    const onDisk = readdirSync(join(ROOT, 'docs')).filter((name) => name !== 'architecture.md').map((name) => `docs/${name}`).sort();
    assert.deepEqual(onDisk, [...files.keys()].sort(), REGENERATE);
    for (const [path, text] of files) assert.equal(readFileSync(join(ROOT, path), 'utf8'), text, `${path}: ${REGENERATE}`);
  });

  void it('the README Reference block is the generated one, with one example per trigger type', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf(README_START);
    const end = readme.indexOf(README_END);
    assert.ok(start >= 0 && end > start, 'README.md lacks the Reference block markers');
    assert.equal(readme.slice(start, end + README_END.length), readmeSection().trimEnd(), REGENERATE);
    const yamlBlocks = [...readme.slice(start, end).matchAll(/```yaml\n([\s\S]*?)```/g)].map((match) => parseAllDocuments(match[1] ?? '')[0]?.toJS() as { trigger: { type: string } });
    assert.deepEqual(yamlBlocks.map((workflow) => workflow.trigger.type), [...TRIGGER_TYPES]);
  });

  void it('every step, trigger and operation has its section', () => {
    const all = [...files.values()].join('\n');
    for (const heading of ['## Trigger: webhook', '## Step: foreach', '## stripe.refunds.create', '## env', '## Steps']) assert.ok(all.includes(heading), heading);
  });
});
