import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFINITION_SCHEMA_ID, definitionJsonSchema } from '../../../src/definition/json-schema.ts';

void describe('definitionJsonSchema', () => {
  const schema = definitionJsonSchema();
  const text = JSON.stringify(schema);

  void it('is JSON, with an id and the draft 2020-12 dialect', () => {
    const copy = JSON.parse(text) as Record<string, unknown>;
    assert.equal(copy.$id, DEFINITION_SCHEMA_ID);
    assert.equal(copy.$schema, 'https://json-schema.org/draft/2020-12/schema');
  });

  void it('has one alternative per document kind', () => {
    const kinds = (schema.oneOf as { properties: { kind: { const: string } } }[]).map((option) => option.properties.kind.const);
    assert.deepEqual(kinds, ['Workflow', 'Team', 'Service', 'Connector', 'Policy']);
  });

  void it('defines Step once, refers to it from nested step lists, and lists every step type', () => {
    const defs = schema.$defs as Record<string, { oneOf: { properties: { type: { const: string } } }[] }>;
    const step = defs.Step;
    assert.ok(step);
    assert.deepEqual(
      step.oneOf.map((option) => option.properties.type.const),
      ['action', 'decision', 'approval', 'wait', 'parallel', 'foreach', 'set', 'workflow', 'end'],
    );
    assert.ok(text.includes('"$ref":"#/$defs/Step"'));
  });

  void it('describes what may be written: a field with a default is not required, and unknown fields are refused', () => {
    const defs = schema.$defs as Record<string, { oneOf: { properties: Record<string, unknown>; required: string[]; additionalProperties: boolean }[] }>;
    const end = defs.Step?.oneOf.find((option) => (option.properties.type as { const: string }).const === 'end');
    assert.ok(end);
    assert.deepEqual(end.required.sort(), ['id', 'type']);
    assert.deepEqual(end.properties.status, { default: 'succeeded', description: "The run's final status", type: 'string', enum: ['succeeded', 'failed', 'cancelled'] });
    assert.equal(end.additionalProperties, false);
  });

  void it('describes every document kind, trigger and step type and each of their fields', () => {
    interface Described { description?: string; properties: Record<string, { description?: string; $ref?: string }> }
    const defs = schema.$defs as Record<string, { oneOf: Described[] }>;
    const variants: [string, Described][] = [
      ...(schema.oneOf as Described[]).map((kind) => [`kind ${JSON.stringify(kind.properties.kind)}`, kind] as [string, Described]),
      ...(defs.Trigger?.oneOf ?? []).map((trigger, index) => [`trigger #${index}`, trigger] as [string, Described]),
      ...(defs.Step?.oneOf ?? []).map((step, index) => [`step #${index}`, step] as [string, Described]),
      ['Field', defs.Field as unknown as Described],
    ];
    assert.equal(variants.length, 5 + 5 + 9 + 1);
    const undescribed = variants.flatMap(([name, variant]) => [
      ...(typeof variant.description === 'string' && variant.description.length > 10 ? [] : [name]),
      ...Object.entries(variant.properties)
        // A $ref (the workflow's trigger) carries the description of what it refers to.
        .filter(([, field]) => field.$ref === undefined && (typeof field.description !== 'string' || field.description === ''))
        .map(([field]) => `${name}.${field}`),
    ]);
    assert.deepEqual(undescribed, []);
    const action = defs.Step?.oneOf[0];
    assert.match(action?.properties.uses?.description ?? '', /stripe\.refunds\.create/);
  });
});
