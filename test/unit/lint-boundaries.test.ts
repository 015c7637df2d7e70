import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { LAYERS, STORE_INSPECT, layerTableMarkdown } from '../../scripts/layers.js';
import { ALLOWED, INSPECT_ALLOWED, INSPECT_REJECTED, REJECTED, type PlantedImport } from '../lint/boundary-fixtures.ts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

// The project's own eslint.config.js, with only the boundaries rules: the type-aware rules need the
// TypeScript project, which knows only files on disk, and the planted code is linted at paths that are not.
const eslint = new ESLint({
  cwd: ROOT,
  ruleFilter: ({ ruleId }) => ruleId.startsWith('boundaries/'),
  overrideConfig: [{ languageOptions: { parserOptions: { projectService: false } } }],
});

async function boundaryMessages({ file, code }: Pick<PlantedImport, 'file' | 'code'>): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(ROOT, file) });
  assert.ok(result, `no lint result for ${file}`);
  return result.messages.map((message) => `${message.ruleId ?? 'parse error'}: ${message.message}`);
}

function relativeTarget({ file, code }: PlantedImport): string | undefined {
  const source = /['"](\.{1,2}\/[^'"]+)['"]/.exec(code)?.[1];
  return source === undefined ? undefined : resolve(ROOT, dirname(file), source);
}

/** What the lint got wrong among `planted`: a violation it let pass, or an allowed import it reported. */
async function misjudged(planted: readonly PlantedImport[], expect: 'rejected' | 'allowed'): Promise<string[]> {
  const wrong: string[] = [];
  for (const one of planted) {
    const messages = await boundaryMessages(one);
    const rejected = messages.length > 0 && messages.every((message) => message.startsWith('boundaries/'));
    if (expect === 'rejected' && !rejected) wrong.push(`${one.file}: ${one.code} passed, but ${one.why} (${messages.join('; ') || 'no report'})`);
    if (expect === 'allowed' && messages.length > 0) wrong.push(`${one.file}: ${one.code} was reported, but ${one.why}: ${messages.join('; ')}`);
  }
  return wrong;
}

/** A file of `folder` that any layer allowed to import the folder may import: not one of the store's internals. */
function sampleFileOf(folder: string): string {
  const name = readdirSync(join(ROOT, 'src', folder))
    .filter((entry) => entry.endsWith('.ts') && !entry.includes('-queries') && !['sql-store.ts', 'open-store.ts', 'inspect.ts'].includes(entry))
    .sort()[0];
  assert.ok(name, `src/${folder} has no .ts file to import in the matrix`);
  return name;
}

void describe('the layer lint (eslint-plugin-boundaries, rules from scripts/layers.js)', () => {
  void it('the layer table has one row per folder of src/, each importing only folders listed before it', () => {
    const folders = readdirSync(join(ROOT, 'src'), { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    assert.deepEqual(LAYERS.map(({ folder }) => folder).sort(), folders.sort(), 'every folder of src/ needs exactly one row in scripts/layers.js');
    LAYERS.forEach(({ folder, imports }, index) => {
      const below = LAYERS.slice(0, index).map((layer) => layer.folder);
      for (const imported of imports) assert.ok(below.includes(imported), `${folder} imports ${imported}, which is not below it: folders would form a cycle`);
    });
  });

  void it('every planted import names a file that exists, so a rejection is the layer rule speaking', () => {
    for (const planted of [...REJECTED, ...ALLOWED]) {
      const target = relativeTarget(planted);
      if (target !== undefined) assert.ok(existsSync(target), `${planted.file}: ${planted.code} imports a missing file`);
    }
  });

  void it('rejects every planted violation', async () => {
    assert.deepEqual(await misjudged(REJECTED, 'rejected'), []);
  });

  void it('passes every planted allowed import', async () => {
    assert.deepEqual(await misjudged(ALLOWED, 'allowed'), []);
  });

  void it(`keeps ${STORE_INSPECT} for test/ and bench/`, async () => {
    assert.ok(existsSync(join(ROOT, STORE_INSPECT)), `${STORE_INSPECT} is gone: update scripts/layers.js`);
    assert.deepEqual(await misjudged(INSPECT_REJECTED, 'rejected'), []);
    for (const planted of INSPECT_REJECTED) assert.match((await boundaryMessages(planted)).join('\n'), /for test\/ and bench\/ only/, `${planted.file}: rejected for another reason than the inspect rule`);
    assert.deepEqual(await misjudged(INSPECT_ALLOWED, 'allowed'), []);
  });

  void it('lets each folder import exactly the folders of its row', async () => {
    const pairs = LAYERS.flatMap(({ folder, imports }) =>
      LAYERS.filter((other) => other.folder !== folder).map(({ folder: other }) => ({
        planted: { file: `src/${folder}/planted.ts`, code: `import * as other from '../${other}/${sampleFileOf(other)}';`, why: `${other} is ${imports.includes(other) ? '' : 'not '}in the row of ${folder}` },
        allowed: imports.includes(other),
      })),
    );
    const wrong = [
      ...(await misjudged(pairs.filter((pair) => pair.allowed).map((pair) => pair.planted), 'allowed')),
      ...(await misjudged(pairs.filter((pair) => !pair.allowed).map((pair) => pair.planted), 'rejected')),
    ];
    assert.deepEqual(wrong, []);
  });

  void it('docs/architecture.md shows the table the lint enforces', () => {
    const doc = readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8');
    assert.ok(doc.includes(layerTableMarkdown()), 'docs/architecture.md: the layer table differs from scripts/layers.js; run `npm run docs`');
  });
});
