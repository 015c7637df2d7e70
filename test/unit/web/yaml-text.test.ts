import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { definitionToYaml, parseYamlText, rangeOfKeys, sameDefinition, smallestEdit } from '../../../web/src/features/builder/yaml/yaml-text.ts';
import { workflowJsonSchema } from '../../../web/src/features/builder/yaml/workflow-json-schema.ts';
import { definitionJsonSchema } from '../../../src/definition/json-schema.ts';

const definition = {
  kind: 'Workflow',
  id: 'refund-warnings',
  title: 'Refund fraud warnings',
  trigger: { type: 'event', event: 'radar.early_fraud_warning.created' },
  steps: [
    { id: 'charge', type: 'action', uses: 'stripe.charges.retrieve', with: { id: '{{ event.data.object.charge }}' } },
    { id: 'refund', type: 'action', uses: 'stripe.refunds.create', with: { charge: '{{ charge.id }}', amount: 500 } },
    { id: 'done', type: 'end', outcome: 'refunded' },
  ],
};

const textAt = (text: string, range: { from: number; to: number }) => text.slice(range.from, range.to);

void describe('the YAML text of a definition', () => {
  void test('object → text → object gives the same definition, keys in the object order', () => {
    const text = definitionToYaml(definition);
    assert.match(text, /^kind: Workflow\nid: refund-warnings\n/);
    const parsed = parseYamlText(text);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.definition, definition);
  });

  void test('a syntax error is placed on the line it is on, with the message', () => {
    const text = 'kind: Workflow\nid: x\nsteps: [\n  - id: a\n';
    const parsed = parseYamlText(text);
    assert.equal(parsed.ok, false);
    if (parsed.ok) return;
    assert.ok(parsed.message.length > 0);
    assert.ok(!parsed.message.includes('\n'), 'one line of message');
    assert.match(parsed.message, /at line \d+, column \d+\.$/, 'the place, as one sentence without the excerpt');
    assert.ok(parsed.range.from >= text.indexOf('steps'), `error at ${parsed.range.from}, not before the bad flow sequence`);
  });

  void test('a list, a scalar, an empty text and two documents are not one Workflow', () => {
    for (const text of ['- a\n- b\n', 'just words\n', '', 'kind: Workflow\n---\nkind: Team\n']) {
      const parsed = parseYamlText(text);
      assert.equal(parsed.ok, false, JSON.stringify(text));
    }
    const two = parseYamlText('kind: Workflow\n---\nkind: Team\n');
    assert.ok(!two.ok && /second document/.test(two.message));
  });
});

void describe('keys to a place in the text', () => {
  const text = definitionToYaml(definition);

  void test('a scalar is covered from its key to its value', () => {
    const place = rangeOfKeys(text, ['steps', 1, 'with', 'amount']);
    assert.ok(place !== null && place.exact);
    assert.equal(textAt(text, place.range), 'amount: 500');
  });

  void test('a step (a list item) is its first line only', () => {
    const place = rangeOfKeys(text, ['steps', 2]);
    assert.ok(place !== null && place.exact);
    assert.equal(textAt(text, place.range), 'id: done');
  });

  void test('a mapping under a key is the key line', () => {
    const place = rangeOfKeys(text, ['trigger']);
    assert.ok(place !== null && place.exact);
    assert.equal(textAt(text, place.range), 'trigger:');
  });

  void test('a missing key falls back to the nearest enclosing one, and says it is not exact', () => {
    const place = rangeOfKeys(text, ['steps', 1, 'with', 'currency']);
    assert.ok(place !== null);
    assert.equal(place.exact, false);
    assert.equal(textAt(text, place.range), 'with:');
  });

  void test('a key with no value is the key line', () => {
    const bare = 'kind: Workflow\ntitle:\nsteps: []\n';
    const place = rangeOfKeys(bare, ['title']);
    assert.ok(place !== null && place.exact);
    assert.equal(textAt(bare, place.range), 'title:');
  });

  void test('no keys is the first line; text that does not parse has no places', () => {
    const place = rangeOfKeys(text, []);
    assert.ok(place !== null);
    assert.equal(textAt(text, place.range), 'kind: Workflow');
    assert.equal(rangeOfKeys('a: [\n', ['a']), null);
  });

  void test('keys follow the text as typed, comments and flow style included', () => {
    const typed = '# my workflow\nkind: Workflow\nsteps:\n  - {id: a, type: end, outcome: "x"}\n';
    const place = rangeOfKeys(typed, ['steps', 0, 'outcome']);
    assert.ok(place !== null && place.exact);
    assert.equal(textAt(typed, place.range), 'outcome: "x"');
  });
});

void describe('keeping the text in step with the definition', () => {
  void test('the same data in another key order is the same definition; a changed value is not', () => {
    assert.ok(sameDefinition({ a: 1, b: { c: [1, 2] } }, { b: { c: [1, 2] }, a: 1 }));
    assert.ok(!sameDefinition({ a: 1, b: { c: [1, 2] } }, { a: 1, b: { c: [2, 1] } }));
    assert.ok(!sameDefinition({ a: 1 }, { a: 1, b: 2 }));
    assert.ok(sameDefinition({ a: 1, b: undefined }, { a: 1 }));
  });

  void test('the smallest edit replaces only what differs, so a cursor elsewhere stays', () => {
    const before = definitionToYaml(definition);
    const after = definitionToYaml({ ...definition, title: 'Refund every fraud warning' });
    const edit = smallestEdit(before, after);
    assert.ok(edit !== null);
    assert.equal(before.slice(0, edit.from) + edit.insert + before.slice(edit.to), after);
    assert.ok(edit.from > before.indexOf('title:'), 'the edit starts inside the title');
    assert.ok(edit.to < before.indexOf('trigger:'), 'the edit ends before the trigger');
    assert.equal(smallestEdit(before, before), null);
  });
});

void describe('the Workflow part of the published schema', () => {
  void test('is the Workflow branch with the shared $defs beside it', () => {
    const schema = workflowJsonSchema(definitionJsonSchema());
    assert.ok(schema !== null);
    assert.deepEqual((schema.properties as { kind: { const: string } }).kind.const, 'Workflow');
    assert.ok(typeof schema.$defs === 'object' && schema.$defs !== null && 'Step' in schema.$defs);
    assert.equal(workflowJsonSchema({ type: 'object' }), null);
  });
});
