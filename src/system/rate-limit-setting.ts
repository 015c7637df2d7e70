/** Rate limits as the environment gives them: `600/minute`, `50/second`, `10000/hour`, or `off`. */
import type { RateLimit } from '../server/server-security.ts';

const UNIT_MS = { second: 1000, minute: 60_000, hour: 3_600_000 } as const;

export const RATE_LIMIT_FORMAT = /^(?:off|[1-9]\d{0,8}\/(?:second|minute|hour))$/;
export const RATE_LIMIT_HINT = 'a count per second, minute or hour, such as 600/minute, or off';

/** The limit a setting that matches RATE_LIMIT_FORMAT stands for; null for `off`. */
export function parseRateLimit(setting: string): RateLimit | null {
  if (setting === 'off') return null;
  const [count = '', unit = ''] = setting.split('/');
  const windowMs = Object.hasOwn(UNIT_MS, unit) ? UNIT_MS[unit as keyof typeof UNIT_MS] : undefined;
  if (!RATE_LIMIT_FORMAT.test(setting) || windowMs === undefined) throw new Error(`"${setting}" is not ${RATE_LIMIT_HINT}`);
  return { max: Number(count), windowMs };
}
