/**
 * An address that names a person: `local@domain`, where the domain may be a
 * single name (`admin@localhost`, `ops@mailhost`) as well as a dotted one
 * (`ops@example.com`). Tollgate's first admin is `admin@localhost`, so local
 * addresses are valid wherever people are named: requesters, team members,
 * users, approvers, delegates and email recipients. Characters that would
 * make a mail header ambiguous (`<>(),;:"[]`) and empty domain labels are not.
 */
export const EMAIL_ADDRESS = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\].]+(?:\.[^\s@<>(),;:"[\].]+)*$/;

/** The hint every "not an email address" message gives. */
export const EMAIL_ADDRESS_HINT = 'give an email address, e.g. ops@example.com or admin@localhost';

export function isEmailAddress(text: string): boolean {
  return EMAIL_ADDRESS.test(text);
}
