/**
 * Money as integer minor units plus an ISO 4217 currency, as in Stripe.
 * Conversions work on decimal digits, never on floating-point products:
 * `19.99 * 100` is `1998.9999999999998`, `toMinor(19.99, 'usd')` is `1999`.
 */
import { InvalidInputError } from '../core/errors.ts';

/** ISO 4217 minor-unit exponents that are not 2. Every other known currency has 2. */
const EXPONENTS: Readonly<Record<string, number>> = {
  BIF: 0, CLP: 0, DJF: 0, GNF: 0, ISK: 0, JPY: 0, KMF: 0, KRW: 0, PYG: 0,
  RWF: 0, UGX: 0, UYI: 0, VND: 0, VUV: 0, XAF: 0, XOF: 0, XPF: 0,
  BHD: 3, IQD: 3, JOD: 3, KWD: 3, LYD: 3, OMR: 3, TND: 3,
  CLF: 4, UYW: 4,
};

// ICU's list of current currencies; the table above adds the funds codes ICU leaves out (CLF, UYI, UYW).
const KNOWN = new Set([...Intl.supportedValuesOf('currency'), ...Object.keys(EXPONENTS)]);

const DECIMAL = /^([+-])?(\d+)(?:\.(\d*))?(?:e([+-]?\d+))?$/i;

/**
 * The number of decimals of a currency (ISO 4217), case-insensitive.
 * @example currencyExponent('usd') // 2
 * @example currencyExponent('JPY') // 0
 * @example currencyExponent('kwd') // 3
 */
export function currencyExponent(currency: string): number {
  return EXPONENTS[currencyCode(currency)] ?? 2;
}

/**
 * Converts an amount in major units (a number, or a decimal string) to integer
 * minor units, exactly. More decimals than the currency allows is an error, not
 * a rounding.
 * @example toMinor(19.99, 'usd') // 1999
 * @example toMinor(1000, 'jpy') // 1000
 * @example toMinor('1.234', 'kwd') // 1234
 */
export function toMinor(major: number | string, currency: string): number {
  const code = currencyCode(currency);
  const exponent = EXPONENTS[code] ?? 2;
  const { negative, integer, fraction } = decimalParts(major);
  if (fraction.length > exponent) {
    throw new InvalidInputError(
      'money_too_precise',
      `${String(major)} has more decimals than ${code} allows (${exponent}); round the amount to ${exponent} decimal${exponent === 1 ? '' : 's'} first`,
    );
  }
  const minor = Number(BigInt(integer + fraction.padEnd(exponent, '0')));
  if (!Number.isSafeInteger(minor)) {
    throw new InvalidInputError('money_out_of_range', `${String(major)} ${code} is too large to count exactly in minor units`);
  }
  return negative && minor !== 0 ? -minor : minor;
}

/**
 * Converts integer minor units to major units.
 * @example toMajor(1999, 'usd') // 19.99
 * @example toMajor(1000, 'jpy') // 1000
 */
export function toMajor(minor: number, currency: string): number {
  const exponent = currencyExponent(currency);
  if (!Number.isSafeInteger(minor)) {
    throw new InvalidInputError('money_invalid', `${String(minor)} is not an amount in minor units; give a whole number such as 1999 for 19.99 USD`);
  }
  const digits = String(Math.abs(minor)).padStart(exponent + 1, '0');
  const split = digits.length - exponent;
  const major = Number(`${digits.slice(0, split)}.${digits.slice(split)}0`);
  return minor < 0 ? -major : major;
}

/**
 * Formats integer minor units for people, in US English.
 * @example formatMoney(150000, 'usd') // '$1,500.00'
 * @example formatMoney(1000, 'jpy') // '¥1,000'
 * @example formatMoney(15000, 'kwd') // 'KWD 15.000'
 */
export function formatMoney(minor: number, currency: string): string {
  const code = currencyCode(currency);
  return formatterFor(code).format(toMajor(minor, code));
}

/**
 * Formats integer minor units for people as major units, grouped in US
 * English, with the upper-case currency code after them.
 * @example formatAmount(150000, 'usd') // '1,500.00 USD'
 * @example formatAmount(1000, 'jpy') // '1,000 JPY'
 * @example formatAmount(15000, 'kwd') // '15.000 KWD'
 */
export function formatAmount(minor: number, currency: string): string {
  const code = currencyCode(currency);
  return `${numberFormatterFor(code).format(toMajor(minor, code))} ${code}`;
}

/**
 * Formats integer minor units as {@link formatAmount} does, or returns
 * undefined when they are not an amount of that currency (an unknown
 * currency, a fraction of a minor unit): the caller shows the raw value.
 * @example formatMinorOrUndefined(1999, 'usd') // '19.99 USD'
 * @example formatMinorOrUndefined(10, 'xyz') // undefined
 */
export function formatMinorOrUndefined(minor: number, currency: string): string | undefined {
  return undefinedIfInvalid(() => formatAmount(minor, currency));
}

/**
 * Formats an amount in major units as {@link formatAmount} does, or returns
 * undefined when it is not an amount of that currency (an unknown currency,
 * more decimals than the currency has, too large to count exactly).
 * @example formatMajorOrUndefined(19.99, 'usd') // '19.99 USD'
 * @example formatMajorOrUndefined(1.5, 'jpy') // undefined
 * @example formatMajorOrUndefined(10, 'xyz') // undefined
 */
export function formatMajorOrUndefined(major: number, currency: string): string | undefined {
  return undefinedIfInvalid(() => formatAmount(toMinor(major, currency), currency));
}

function undefinedIfInvalid(format: () => string): string | undefined {
  try {
    return format();
  } catch (error) {
    if (error instanceof InvalidInputError) return undefined;
    throw error;
  }
}

// Building an Intl.NumberFormat costs far more than using one; there are fewer than 200 currencies.
const formatters = new Map<string, Intl.NumberFormat>();
const numberFormatters = new Map<number, Intl.NumberFormat>();

function formatterFor(code: string): Intl.NumberFormat {
  let format = formatters.get(code);
  if (!format) {
    const exponent = EXPONENTS[code] ?? 2;
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency: code, minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    formatters.set(code, format);
  }
  return format;
}

/** Without a symbol, only the exponent matters: one formatter per exponent. */
function numberFormatterFor(code: string): Intl.NumberFormat {
  const exponent = EXPONENTS[code] ?? 2;
  let format = numberFormatters.get(exponent);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { minimumFractionDigits: exponent, maximumFractionDigits: exponent });
    numberFormatters.set(exponent, format);
  }
  return format;
}

function currencyCode(currency: string): string {
  const code = typeof currency === 'string' ? currency.toUpperCase() : '';
  if (!/^[A-Z]{3}$/.test(code) || !KNOWN.has(code)) {
    throw new InvalidInputError(
      'currency_unknown',
      `"${String(currency)}" is not an ISO 4217 currency code; use a three-letter code such as usd, eur or jpy`,
    );
  }
  return code;
}

interface DecimalParts {
  negative: boolean;
  /** Digits before the decimal point, at least one. */
  integer: string;
  /** Digits after the decimal point, without trailing zeros. */
  fraction: string;
}

/** Splits a number (by its shortest round-trip string) or a decimal string into digits, undoing exponent notation. */
function decimalParts(major: number | string): DecimalParts {
  if (typeof major === 'number' && !Number.isFinite(major)) {
    throw new InvalidInputError('money_invalid', `${String(major)} is not an amount; give a finite number such as 19.99`);
  }
  const text = typeof major === 'number' ? String(major) : typeof major === 'string' ? major : '';
  const match = DECIMAL.exec(text);
  if (!match || Math.abs(Number(match[4] ?? 0)) > 400) {
    throw new InvalidInputError('money_invalid', `"${String(major)}" is not an amount; give a decimal number such as 19.99`);
  }
  const [, sign, whole = '', decimals = '', exponentText = '0'] = match;
  const digits = whole + decimals;
  const point = whole.length + Number(exponentText);
  let integer: string;
  let fraction: string;
  if (point <= 0) {
    integer = '0';
    fraction = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    integer = digits + '0'.repeat(point - digits.length);
    fraction = '';
  } else {
    integer = digits.slice(0, point);
    fraction = digits.slice(point);
  }
  return { negative: sign === '-', integer, fraction: fraction.replace(/0+$/, '') };
}
