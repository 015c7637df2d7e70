import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { systemClock } from '../../../src/core/clock.ts';
import { STRIPE_EVENT_TYPES } from '../../../src/definition/stripe-event-types.ts';
import { CURATED_FIELDS } from '../../../src/reference/object-fields/curated-fields.ts';
import { fieldsOfObject } from '../../../src/reference/object-fields/derived-fields.ts';
import { readPath } from '../../../src/reference/object-fields/field-path.ts';
import { valueHasType } from '../../../src/reference/object-fields/object-field.ts';
import { OPERATION_OUTPUTS } from '../../../src/reference/operation-outputs.ts';
import { objectKindOf, sampleEvent } from '../../../src/sandbox/index.ts';
import { builtInOperationSpecs } from '../../../src/connectors/built-in-operation-specs.ts';

/** The kinds whose objects the sandbox really creates (not generated), with an event type that carries one. */
const SANDBOX_KINDS = new Map([
  ['charge', 'charge.succeeded'],
  ['payment_intent', 'payment_intent.succeeded'],
  ['customer', 'customer.created'],
  ['refund', 'refund.created'],
  ['dispute', 'charge.dispute.created'],
  ['radar.early_fraud_warning', 'radar.early_fraud_warning.created'],
  ['invoice', 'invoice.paid'],
]);

void describe('curated object fields', () => {
  void it('cover the kinds payment teams use, each with an event type that carries it (balance transactions excepted)', () => {
    assert.deepEqual([...CURATED_FIELDS.keys()].sort(), ['balance_transaction', 'charge', 'checkout.session', 'customer', 'dispute', 'invoice', 'payment_intent', 'payout', 'radar.early_fraud_warning', 'refund', 'subscription']);
    const eventKinds = new Set(STRIPE_EVENT_TYPES.map(objectKindOf));
    for (const kind of CURATED_FIELDS.keys()) if (kind !== 'balance_transaction') assert.ok(eventKinds.has(kind), kind);
  });

  void it('have unique paths, a description, an example of their own type, and money only on integers beside a currency', () => {
    for (const [kind, fields] of CURATED_FIELDS) {
      const paths = fields.map((field) => field.path);
      assert.equal(new Set(paths).size, paths.length, `${kind}: a path is listed twice`);
      for (const field of fields) {
        const where = `${kind}.${field.path}`;
        assert.ok(field.description !== null && field.description.length > 0, `${where}: no description`);
        assert.ok(valueHasType(field.example, field.type), `${where}: example ${JSON.stringify(field.example)} is not a ${field.type}`);
        if (field.money) {
          assert.equal(field.type, 'integer', where);
          const sibling = field.path.includes('.') ? `${field.path.slice(0, field.path.lastIndexOf('.'))}.currency` : 'currency';
          assert.ok(paths.includes(sibling), `${where}: money without a ${sibling} field`);
        }
      }
    }
  });

  for (const [kind, type] of SANDBOX_KINDS) {
    void it(`${kind}: every curated path exists on the sandbox's object, with the curated type (or null)`, () => {
      const object = sampleEvent(type, { clock: systemClock }).data.object;
      assert.equal(object.object, kind);
      for (const field of CURATED_FIELDS.get(kind) ?? []) {
        const { found, value } = readPath(object, field.path);
        assert.ok(found, `${kind}.${field.path} is not on the sandbox's ${kind}`);
        assert.ok(valueHasType(value, field.type), `${kind}.${field.path}: the sandbox has ${JSON.stringify(value)}, curated as ${field.type}`);
      }
    });
  }
});

void describe('derived fields', () => {
  void it('types values, marks times and amounts beside a currency, and descends into objects but not metadata', () => {
    const fields = fieldsOfObject({ id: 'tu_1', created: 1767225600, amount: 500, currency: 'usd', rate: 1.5, ok: true, tags: [], note: null, metadata: { a: '1' }, source: { amount: 3, paid_at: 1767225600 } });
    assert.deepEqual(
      fields.map((field) => [field.path, field.type, field.money]),
      [
        ['id', 'string', false],
        ['created', 'timestamp', false],
        ['amount', 'integer', true],
        ['currency', 'string', false],
        ['rate', 'number', false],
        ['ok', 'boolean', false],
        ['tags', 'array', false],
        ['note', 'null', false],
        ['metadata', 'object', false],
        ['source', 'object', false],
        ['source.amount', 'integer', false],
        ['source.paid_at', 'timestamp', false],
      ],
    );
  });
});

void describe('operation outputs', () => {
  void it('are declared for every built-in operation, and name only operations that exist', () => {
    const names = builtInOperationSpecs().map((spec) => spec.name).sort();
    assert.deepEqual([...OPERATION_OUTPUTS.keys()].sort(), names);
  });
});
