import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { currencyExponent, formatAmount, formatMajorOrUndefined, formatMoney, toMajor, toMinor } from '../../../src/expression/money.ts';

function assertCode(work: () => unknown, code: string): void {
  assert.throws(work, (error: unknown) => error instanceof InvalidInputError && error.code === code);
}

void describe('currencyExponent', () => {
  void it('knows zero-, two-, three- and four-decimal currencies, in any case', () => {
    assert.equal(currencyExponent('JPY'), 0);
    assert.equal(currencyExponent('krw'), 0);
    assert.equal(currencyExponent('usd'), 2);
    assert.equal(currencyExponent('HUF'), 2);
    assert.equal(currencyExponent('twd'), 2);
    assert.equal(currencyExponent('KWD'), 3);
    assert.equal(currencyExponent('bhd'), 3);
    assert.equal(currencyExponent('CLF'), 4);
    assert.equal(currencyExponent('UYW'), 4);
  });

  void it('refuses codes that are not ISO 4217 currencies', () => {
    assertCode(() => currencyExponent('usdd'), 'currency_unknown');
    assertCode(() => currencyExponent('us'), 'currency_unknown');
    assertCode(() => currencyExponent('uds'), 'currency_unknown');
    assertCode(() => currencyExponent(''), 'currency_unknown');
  });
});

void describe('toMinor', () => {
  void it('converts without floating-point error', () => {
    assert.notEqual(19.99 * 100, 1999);
    assert.equal(toMinor(19.99, 'usd'), 1999);
    assert.equal(toMinor(0.29, 'usd'), 29);
    assert.equal(toMinor(1.005, 'kwd'), 1005);
    assert.equal(toMinor(1000, 'jpy'), 1000);
    assert.equal(toMinor(1000, 'krw'), 1000);
    assert.equal(toMinor(1.234, 'KWD'), 1234);
    assert.equal(toMinor(1.5, 'bhd'), 1500);
    assert.equal(toMinor(1.2345, 'clf'), 12345);
    assert.equal(toMinor(15, 'usd'), 1500);
    assert.equal(toMinor(0, 'usd'), 0);
    assert.equal(toMinor(-12.5, 'usd'), -1250);
  });

  void it('accepts decimal strings and exponent notation', () => {
    assert.equal(toMinor('19.99', 'usd'), 1999);
    assert.equal(toMinor('19.990', 'usd'), 1999);
    assert.equal(toMinor('1e3', 'jpy'), 1000);
    assert.equal(toMinor('0.5', 'usd'), 50);
    assert.equal(toMinor('-0.50', 'usd'), -50);
    assert.equal(toMinor('1.5e-2', 'kwd'), 15);
    assert.equal(toMinor(1.5e-2, 'kwd'), 15);
    assert.equal(toMinor(Number.MAX_SAFE_INTEGER, 'jpy'), Number.MAX_SAFE_INTEGER);
  });

  void it('refuses more decimals than the currency allows', () => {
    assertCode(() => toMinor(19.999, 'usd'), 'money_too_precise');
    assertCode(() => toMinor(0.1 + 0.2, 'usd'), 'money_too_precise');
    assertCode(() => toMinor(1.5, 'jpy'), 'money_too_precise');
    assertCode(() => toMinor(1.2345, 'kwd'), 'money_too_precise');
    assertCode(() => toMinor(1e-7, 'usd'), 'money_too_precise');
    assert.throws(() => toMinor(19.999, 'usd'), { message: /^19\.999 has more decimals than USD allows \(2\)/ });
  });

  void it('refuses values that are not amounts', () => {
    assertCode(() => toMinor(Number.NaN, 'usd'), 'money_invalid');
    assertCode(() => toMinor(Number.POSITIVE_INFINITY, 'usd'), 'money_invalid');
    assertCode(() => toMinor('12,50', 'usd'), 'money_invalid');
    assertCode(() => toMinor('', 'usd'), 'money_invalid');
    assertCode(() => toMinor('1e999999999', 'usd'), 'money_invalid');
    assertCode(() => toMinor(1e300, 'usd'), 'money_out_of_range');
    assertCode(() => toMinor(1e21, 'jpy'), 'money_out_of_range');
  });
});

void describe('toMajor', () => {
  void it('converts minor units back exactly', () => {
    assert.equal(toMajor(1999, 'usd'), 19.99);
    assert.equal(toMajor(5, 'usd'), 0.05);
    assert.equal(toMajor(-1250, 'usd'), -12.5);
    assert.equal(toMajor(1000, 'jpy'), 1000);
    assert.equal(toMajor(1234, 'kwd'), 1.234);
    assert.equal(toMajor(12345, 'clf'), 1.2345);
  });

  void it('round-trips with toMinor', () => {
    for (const [major, currency] of [[19.99, 'usd'], [0.01, 'eur'], [1.001, 'bhd'], [123456, 'vnd']] as const) {
      assert.equal(toMajor(toMinor(major, currency), currency), major);
    }
  });

  void it('refuses fractional minor units', () => {
    assertCode(() => toMajor(19.5, 'usd'), 'money_invalid');
  });
});

void describe('formatMoney', () => {
  void it('formats for people with the currency exponent', () => {
    assert.equal(formatMoney(150000, 'usd'), '$1,500.00');
    assert.equal(formatMoney(1000, 'JPY'), '¥1,000');
    assert.match(formatMoney(15000, 'kwd'), /^KWD\s15\.000$/);
    assert.equal(formatMoney(-1250, 'usd'), '-$12.50');
    assert.equal(formatMoney(100, 'eur'), '€1.00');
  });
});

void describe('formatAmount', () => {
  void it('writes major units, grouped, with the currency exponent and the upper-case code', () => {
    assert.equal(formatAmount(150000, 'usd'), '1,500.00 USD');
    assert.equal(formatAmount(150000, 'USD'), '1,500.00 USD');
    assert.equal(formatAmount(1000, 'jpy'), '1,000 JPY');
    assert.equal(formatAmount(15000, 'kwd'), '15.000 KWD');
    assert.equal(formatAmount(12345, 'clf'), '1.2345 CLF');
    assert.equal(formatAmount(-1250, 'eur'), '-12.50 EUR');
    assert.equal(formatAmount(0, 'usd'), '0.00 USD');
    assert.equal(formatAmount(123456789012, 'usd'), '1,234,567,890.12 USD');
  });

  void it('keeps each currency its own exponent when formatters are reused', () => {
    assert.equal(formatAmount(500, 'jpy'), '500 JPY');
    assert.equal(formatAmount(500, 'usd'), '5.00 USD');
    assert.equal(formatAmount(500, 'bhd'), '0.500 BHD');
    assert.equal(formatAmount(500, 'jpy'), '500 JPY');
  });

  void it('refuses unknown currencies and fractional minor units', () => {
    assertCode(() => formatAmount(100, 'xyz'), 'currency_unknown');
    assertCode(() => formatAmount(100, 'usdd'), 'currency_unknown');
    assertCode(() => formatAmount(19.5, 'usd'), 'money_invalid');
  });
});

void describe('formatMajorOrUndefined', () => {
  void it('formats an amount in major units as formatAmount does', () => {
    assert.equal(formatMajorOrUndefined(19.99, 'usd'), '19.99 USD');
    assert.equal(formatMajorOrUndefined(1500, 'USD'), '1,500.00 USD');
    assert.equal(formatMajorOrUndefined(1000, 'jpy'), '1,000 JPY');
    assert.equal(formatMajorOrUndefined(1.5, 'kwd'), '1.500 KWD');
    assert.equal(formatMajorOrUndefined(-0.5, 'eur'), '-0.50 EUR');
  });

  void it('is undefined for what is not an amount of that currency', () => {
    assert.equal(formatMajorOrUndefined(10, 'xyz'), undefined);
    assert.equal(formatMajorOrUndefined(10, ''), undefined);
    assert.equal(formatMajorOrUndefined(1.5, 'jpy'), undefined);
    assert.equal(formatMajorOrUndefined(19.999, 'usd'), undefined);
    assert.equal(formatMajorOrUndefined(Number.NaN, 'usd'), undefined);
    assert.equal(formatMajorOrUndefined(1e300, 'usd'), undefined);
  });
});
