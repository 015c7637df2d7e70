import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PermanentError } from '../../../src/core/errors.ts';
import { formatAddress, resolveRecipients } from '../../../src/connectors/email/email-recipients.ts';
import type { TeamDirectory } from '../../../src/connectors/email/team-directory.ts';

const teams: TeamDirectory = {
  membersOf: (id) =>
    Promise.resolve(
      ({
        finance: [
          { email: 'fin@example.com', name: 'Fin Ance' },
          { email: 'ops@example.com', name: null },
        ],
        empty: [],
      } as Record<string, { email: string; name: string | null }[]>)[id],
    ),
};
const resolve = (value: unknown) => resolveRecipients(value, { teams, param: 'with.to', required: true });

void describe('resolveRecipients', () => {
  void it('mixes addresses, teams and users, without duplicates', async () => {
    const found = await resolve(['a@example.com, OPS@example.com', { team: 'finance' }, { users: ['b@example.com', 'a@example.com'] }]);
    assert.deepEqual(found.map((member) => member.email), ['a@example.com', 'OPS@example.com', 'fin@example.com', 'b@example.com']);
    assert.equal(found.find((member) => member.email === 'fin@example.com')?.name, 'Fin Ance');
  });

  void it('fails for an unknown team, an empty team, a bad address and no recipient', async () => {
    await assert.rejects(resolve({ team: 'nobody' }), (error: unknown) => error instanceof PermanentError && error.code === 'team_not_found' && error.path === 'with.to.team');
    await assert.rejects(resolve([{ team: 'empty' }]), (error: unknown) => error instanceof PermanentError && error.code === 'team_empty' && error.path === 'with.to[0].team');
    await assert.rejects(resolve('not-an-address'), (error: unknown) => error instanceof PermanentError && error.code === 'email_address_invalid');
    await assert.rejects(resolve([]), (error: unknown) => error instanceof PermanentError && error.code === 'email_recipient_missing');
    await assert.rejects(resolve([42]), (error: unknown) => error instanceof PermanentError && error.code === 'email_recipient_invalid' && error.path === 'with.to[0]');
  });

  void it('takes local addresses (user@localhost, user@host) and still refuses malformed ones', async () => {
    const found = await resolve(['admin@localhost', { users: ['ops@mailhost'] }]);
    assert.deepEqual(found.map((member) => member.email), ['admin@localhost', 'ops@mailhost']);
    for (const bad of ['admin@', '@localhost', 'admin@host.', 'admin@.host', 'a<b@localhost'])
      await assert.rejects(resolve(bad), (error: unknown) => error instanceof PermanentError && error.code === 'email_address_invalid', bad);
  });

  void it('formats display names safely', () => {
    assert.equal(formatAddress({ email: 'a@example.com', name: null }), 'a@example.com');
    assert.equal(formatAddress({ email: 'a@example.com', name: 'Ann "A" Lee\r\n' }), '"Ann \\"A\\" Lee " <a@example.com>');
  });
});
