import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPO_ROOT, runCli } from './cli-process.ts';

const docs = (name: string) => readFileSync(join(REPO_ROOT, 'docs', name), 'utf8');

void describe('tollgate operations and tollgate docs, without a server', () => {
  void it('operations prints the table of docs/operations.md, and one operation as its section there', async () => {
    const [table, one] = await Promise.all([runCli(['operations']), runCli(['operations', 'stripe.refunds.create'])]);
    assert.equal(table.code, 0, table.stderr);
    assert.ok(table.stdout.startsWith('| operation | connector | moves money | description |'));
    assert.ok(docs('operations.md').includes(table.stdout.trimEnd()));
    assert.match(table.stdout, /`webhook\.post`/);
    assert.equal(one.code, 0, one.stderr);
    assert.match(one.stdout, /^## stripe\.refunds\.create\n/);
    assert.match(one.stdout, /Wraps: https:\/\/docs\.stripe\.com\/api\/refunds\/create/);
    assert.match(one.stdout, /Moves money: yes/);
    assert.ok(docs('operations.md').includes(one.stdout), 'the same text as docs/operations.md');
  });

  void it('docs prints a step or trigger type as docs/ holds it, and alone lists the topics', async () => {
    const [wait, event, topics] = await Promise.all([runCli(['docs', 'wait']), runCli(['docs', 'event']), runCli(['docs'])]);
    assert.equal(wait.code, 0, wait.stderr);
    assert.match(wait.stdout, /^## Step: wait\n/);
    assert.ok(docs('steps.md').includes(wait.stdout));
    assert.ok(docs('triggers.md').includes(event.stdout));
    assert.match(event.stdout, /charge\.dispute\.created/);
    assert.equal(topics.code, 0, topics.stderr);
    for (const topic of ['event', 'webhook', 'action', 'end', 'variables', 'expressions', 'errors']) assert.match(topics.stdout, new RegExp(`\\| \`${topic}\` \\|`));
  });

  void it('an unknown name fails with a did-you-mean', async () => {
    const [operation, topic] = await Promise.all([runCli(['operations', 'stripe.refund.create']), runCli(['docs', 'wiat'])]);
    assert.equal(operation.code, 1);
    assert.equal(operation.stdout, '');
    assert.match(operation.stderr, /no operation "stripe\.refund\.create" \(did you mean "stripe\.refunds\.create"\?\)/);
    assert.equal(topic.code, 1);
    assert.match(topic.stderr, /no topic "wiat" \(did you mean "wait"\?\)/);
  });
});
