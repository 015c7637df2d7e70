import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkFieldValues } from '../../../src/definition/field-values.ts';
import { fieldSchema } from '../../../src/definition/schema.ts';
import type { Field } from '../../../src/definition/schema.ts';

function field(key: string, type: Field['type'], more: Partial<Field> = {}): Field {
  return fieldSchema.parse({ key, type, ...more });
}

/** The value of one field, or the message of its one issue. */
function check(one: Field, raw: unknown): { value: unknown } | { problem: string } {
  const result = checkFieldValues([one], { [one.key]: raw }, 'values');
  if (result.issues.length === 0) return { value: result.values[one.key] };
  assert.equal(result.issues.length, 1);
  assert.equal(result.issues[0]?.path, `values.${one.key}`, 'the issue names the field');
  return { problem: result.issues[0]?.message ?? '' };
}

function refused(one: Field, raw: unknown, message: RegExp): void {
  const result = check(one, raw);
  assert.ok('problem' in result, `${JSON.stringify(raw)} should be refused, got ${JSON.stringify(result)}`);
  assert.match(result.problem, message);
}

void describe('form values are parsed strictly', () => {
  void it('money: an amount and a known currency, no trailing text, no more decimals than the currency has', () => {
    const amount = field('amount', 'money');
    refused(amount, '12abc', /"abc" is not an ISO 4217 currency code/);
    refused(amount, '12 usd extra', /must be an amount and a currency/);
    refused(amount, '1.2.3 usd', /must be an amount and a currency/);
    refused(amount, '0.001 usd', /0\.001 has more decimals than USD allows \(2\)/);
    refused(amount, '1.5 jpy', /more decimals than JPY allows \(0\)/);
    refused(amount, { amount: '0x10', currency: 'usd' }, /amount must be a number, got "0x10"/);
    refused(amount, { amount: '', currency: 'usd' }, /amount must be a number/);
    refused(amount, { amount: 19.999, currency: 'usd' }, /more decimals than USD allows/);
    refused(amount, { amount: 5 }, /currency must be a 3-letter ISO code/);
    assert.deepEqual(check(amount, '19.99 USD'), { value: { amount: 19.99, currency: 'usd' } });
    assert.deepEqual(check(amount, { amount: '1.234', currency: 'kwd' }), { value: { amount: 1.234, currency: 'kwd' } });
    assert.deepEqual(check(amount, { amount: 1000, currency: 'jpy' }), { value: { amount: 1000, currency: 'jpy' } });
    refused(field('refund', 'money', { min: 1 }), '0.50 usd', /must be at least 1, got 0\.5/);
  });

  void it('number: decimal notation only, finite', () => {
    const count = field('count', 'number');
    for (const raw of ['0x10', '0b11', '0o7', '12abc', 'Infinity', '-Infinity', ' ', '1,000']) refused(count, raw, /must be a number/);
    refused(count, '1e400', /must be a finite number, got "1e400"/);
    refused(count, Infinity, /must be a finite number, got Infinity/);
    refused(count, Number.NaN, /must be a number/);
    refused(count, true, /must be a number/);
    assert.deepEqual(check(count, '12.5'), { value: 12.5 });
    assert.deepEqual(check(count, ' -3 '), { value: -3 });
    assert.deepEqual(check(count, '1e3'), { value: 1000 });
    assert.deepEqual(check(count, 7), { value: 7 });
  });

  void it('an empty string is not a value: required fields say so, and it never becomes 0', () => {
    assert.deepEqual(checkFieldValues([field('count', 'number', { required: true })], { count: '' }, 'values').issues, [
      { path: 'values.count', message: 'count is required' },
    ]);
    assert.deepEqual(checkFieldValues([field('count', 'number')], { count: '' }, 'values'), { values: {}, issues: [] });
  });

  void it('date: a real day of the calendar', () => {
    const day = field('day', 'date');
    refused(day, '2024-02-30', /"2024-02-30" is not a day of the calendar/);
    refused(day, '2023-02-29', /not a day of the calendar/);
    refused(day, '2024-13-01', /not a day of the calendar/);
    refused(day, '2024-1-01', /is not a date \(YYYY-MM-DD\)/);
    refused(day, '2024-01-01T00:00:00Z', /is not a date/);
    assert.deepEqual(check(day, '2024-02-29'), { value: '2024-02-29' });
  });

  void it('url: http and https only', () => {
    const link = field('link', 'url');
    refused(link, 'javascript:alert(1)', /is a javascript: link; only http and https addresses are accepted/);
    refused(link, 'file:///etc/passwd', /is a file: link/);
    refused(link, 'data:text/html,hi', /is a data: link/);
    refused(link, 'not a url', /is not a URL/);
    assert.deepEqual(check(link, 'https://example.com/a?b=1'), { value: 'https://example.com/a?b=1' });
    assert.deepEqual(check(link, 'http://localhost:8080/'), { value: 'http://localhost:8080/' });
  });

  void it('a pattern runs in linear time', () => {
    const code = field('code', 'text', { pattern: '^(a+)+$' });
    refused(code, `${'a'.repeat(25)}!`, /does not match the pattern/);
    assert.deepEqual(check(code, 'aaa'), { value: 'aaa' });
  });

  void it('reports every bad field of a form at once, each at its path', () => {
    const fields = [field('amount', 'money'), field('count', 'number'), field('day', 'date'), field('link', 'url'), field('note', 'text')];
    const result = checkFieldValues(fields, { amount: '0.001 usd', count: '0x10', day: '2024-02-30', link: 'javascript:x', note: 'fine' }, 'values');
    assert.deepEqual(result.issues.map((issue) => issue.path), ['values.amount', 'values.count', 'values.day', 'values.link']);
    assert.deepEqual(result.values, { note: 'fine' });
  });
});
