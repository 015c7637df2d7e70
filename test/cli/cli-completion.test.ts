import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { buildProgram } from '../../src/cli/program.ts';
import { runCli, tempDir } from './cli-process.ts';

// The completion scripts, loaded into real shells and asked what they offer after each line typed.
const dir = tempDir();
const scripts = { bash: join(dir.path, 'tollgate.bash'), zsh: join(dir.path, 'tollgate.zsh') };

before(async () => {
  for (const shell of ['bash', 'zsh'] as const) {
    const printed = await runCli(['completion', shell]);
    assert.equal(printed.code, 0, printed.stderr);
    writeFileSync(scripts[shell], printed.stdout);
  }
});
after(() => dir.remove());

/** What `tollgate runs ` + Tab should offer: the program's own subcommands of `runs`, then help. */
const RUNS_OFFERS = [...(buildProgram().commands.find((command) => command.name() === 'runs')?.commands.map((command) => command.name()) ?? []), '-h', '--help'];

/** What `tollgate <words>` + Tab offers in bash: the last word is the one being completed. */
function bashOffers(...words: string[]): string[] {
  const script = `source ${scripts.bash}; COMP_WORDS=(tollgate "$@"); COMP_CWORD=$#; _tollgate; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const result = spawnSync('bash', ['-c', script, 'bash', ...words], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout.split('\n').filter((line) => line !== '');
}

describe('bash completion', () => {
  test('completes commands, subcommands and options from the program itself', () => {
    assert.deepEqual(bashOffers('ru'), ['run', 'runs']);
    assert.deepEqual(bashOffers('runs', ''), RUNS_OFFERS);
    assert.ok(RUNS_OFFERS.includes('wake'), 'a subcommand another module adds to the group is offered too');
    assert.ok(bashOffers('runs', 'list', '--').includes('--workflow'));
    assert.deepEqual(bashOffers('completion', ''), ['bash', 'zsh', '-h', '--help']);
    assert.deepEqual(bashOffers('te').sort(), ['teams', 'templates']);
    assert.deepEqual(bashOffers('services', ''), ['list', 'show', 'create', 'edit', '-h', '--help']);
  });

  test("completes an option's fixed values, and offers no commands where a free value goes", () => {
    assert.deepEqual(bashOffers('runs', 'list', '--status', 'f'), ['failed']);
    assert.deepEqual(bashOffers('stripe', 'endpoints', 'update', '--event-payload', ''), ['snapshot', 'thin']);
    assert.deepEqual(bashOffers('runs', 'list', '--workflow', ''), []);
    // A value that looks like a command name is not taken for one.
    assert.deepEqual(bashOffers('--data', 'runs', 'runs', 'li'), ['list']);
  });
});

test('zsh loads the script through bashcompinit and gets the same offers', (t) => {
  // CI installs zsh (.ci/run), so there a missing zsh fails this test instead of skipping it.
  if (spawnSync('zsh', ['--version']).error !== undefined && process.env.CI === undefined) return t.skip('zsh is not installed');
  const script = [
    'autoload -U +X compinit && compinit -u -D',
    `source ${scripts.zsh}`,
    'print -r -- "registered: ${_comps[tollgate]}"',
    'emulate sh -c \'COMP_WORDS=(tollgate runs ""); COMP_CWORD=2; _tollgate; printf "%s\\n" "${COMPREPLY[@]}"\'',
  ].join('\n');
  const result = spawnSync('zsh', ['-f', '-c', script], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  assert.match(result.stdout, /^registered: _bash_complete -o default -F _tollgate$/m);
  assert.deepEqual(result.stdout.split('\n').slice(1).filter((line) => line !== ''), RUNS_OFFERS);
});
