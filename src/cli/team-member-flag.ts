import { InvalidArgumentError } from 'commander';
import { EMAIL_ADDRESS_HINT, isEmailAddress } from '../core/email-address.ts';

/** A team member as `teams create --member` gives it. */
export interface MemberFlag {
  email: string;
  name?: string;
}

/**
 * The commander parser of a repeated `--member` flag: `ops@example.com`, or
 * `"Ana Diaz <ana@example.com>"` to name them. Anything else is a usage error
 * naming what to give.
 * @example parseMemberFlag('Ana Diaz <ana@example.com>', []) // [{ email: 'ana@example.com', name: 'Ana Diaz' }]
 */
export function parseMemberFlag(text: string, previous: MemberFlag[] = []): MemberFlag[] {
  const named = /^(.*?)\s*<([^<>]*)>$/.exec(text.trim());
  const email = (named?.[2] ?? text).trim();
  const name = named?.[1]?.trim() ?? '';
  if (!isEmailAddress(email)) throw new InvalidArgumentError(`"${text}" is not an email address: ${EMAIL_ADDRESS_HINT}, or "Name <email>" to name them.`);
  return [...previous, { email, ...(name === '' ? {} : { name }) }];
}

/** The commander parser of a single email argument or flag (`teams add-member`, `teams remove-member`). */
export function parseEmailArgument(text: string): string {
  const email = text.trim();
  if (!isEmailAddress(email)) throw new InvalidArgumentError(`"${text}" is not an email address: ${EMAIL_ADDRESS_HINT}.`);
  return email;
}
