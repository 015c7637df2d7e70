/**
 * Strict parsers for typed field values. Each gives the value, or a message
 * saying what is wrong with it (never a partial or rounded value).
 */
import { InvalidInputError } from '../core/errors.ts';
import { toMajor, toMinor } from '../expression/money.ts';

// Plain decimal notation: no hex, octal or binary prefixes, no "Infinity", no trailing text.
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const MONEY_TEXT = /^\s*([+-]?(?:\d+(?:\.\d*)?|\.\d+))\s*([A-Za-z]{3})\s*$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEB_PROTOCOLS = new Set(['http:', 'https:']);

/** A money field's value: the amount in major units (19.99) and the lower-case currency. */
export interface MoneyValue {
  amount: number;
  currency: string;
}

/** A finite number, from a number or a decimal string such as "12.5" or "1e3". */
export function parseNumber(raw: unknown): number | string {
  const value = typeof raw === 'string' && DECIMAL.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || Number.isNaN(value)) return `must be a number, got ${JSON.stringify(raw)}`;
  if (!Number.isFinite(value)) return `must be a finite number, got ${typeof raw === 'string' ? JSON.stringify(raw) : String(raw)}`;
  return value;
}

/**
 * An amount and a currency, from `{"amount": 19.99, "currency": "usd"}` or
 * `"19.99 usd"`; the currency must be an ISO 4217 code and the amount must
 * not have more decimals than the currency has.
 */
export function parseMoney(raw: unknown): MoneyValue | string {
  const parts = typeof raw === 'string' ? moneyTextParts(raw) : raw;
  if (typeof parts !== 'object' || parts === null || Array.isArray(parts)) {
    return `must be an amount and a currency, e.g. {"amount": 19.99, "currency": "usd"} or "19.99 usd", got ${JSON.stringify(raw)}`;
  }
  const { amount, currency } = parts as { amount?: unknown; currency?: unknown };
  const number = parseNumber(amount);
  if (typeof number === 'string') return `amount ${number}`;
  if (typeof currency !== 'string') return 'currency must be a 3-letter ISO code such as usd';
  try {
    // Exact decimal conversion: refuses unknown currencies and amounts finer than the currency's minor unit.
    const minor = toMinor(typeof amount === 'string' ? amount.trim() : number, currency);
    return { amount: toMajor(minor, currency), currency: currency.toLowerCase() };
  } catch (error) {
    if (error instanceof InvalidInputError) return error.message;
    throw error;
  }
}

/** A calendar date written YYYY-MM-DD; `null` when it is one. */
export function parseDate(raw: string): string | null {
  const match = DATE.exec(raw);
  if (!match) return `"${raw}" is not a date (YYYY-MM-DD)`;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return `"${raw}" is not a day of the calendar; give a date such as ${match[1]}-01-31`;
  }
  return null;
}

/** An absolute http or https URL; `null` when it is one. */
export function parseWebUrl(raw: string): string | null {
  if (!URL.canParse(raw)) return `"${raw}" is not a URL; give an address such as https://example.com/page`;
  const url = new URL(raw);
  if (!WEB_PROTOCOLS.has(url.protocol)) return `"${raw}" is a ${url.protocol} link; only http and https addresses are accepted`;
  if (url.hostname === '') return `"${raw}" has no host; give an address such as https://example.com/page`;
  return null;
}

function moneyTextParts(text: string): { amount: string; currency: string } | undefined {
  const match = MONEY_TEXT.exec(text);
  return match?.[1] && match[2] ? { amount: match[1], currency: match[2] } : undefined;
}
