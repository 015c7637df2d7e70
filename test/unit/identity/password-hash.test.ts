import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InvalidInputError } from '../../../src/core/errors.ts';
import { generatePassword, hashPassword, verifyPassword } from '../../../src/identity/password-hash.ts';

test('a hashed password verifies; a wrong one does not', async () => {
  const stored = await hashPassword('correct horse battery staple');
  assert.match(stored, /^scrypt\$32768\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{44}$/);
  assert.equal(await verifyPassword('correct horse battery staple', stored), true);
  assert.equal(await verifyPassword('correct horse battery stapl', stored), false);
  assert.equal(await verifyPassword('', stored), false);
});

test('each hash has its own salt, and the hash is not the password', async () => {
  const [a, b] = await Promise.all([hashPassword('same password twice'), hashPassword('same password twice')]);
  assert.notEqual(a, b);
  assert.ok(!a.includes('same password'));
  assert.equal(await verifyPassword('same password twice', b), true);
});

test('a malformed or tampered stored hash rejects instead of throwing', async () => {
  const stored = await hashPassword('correct horse battery staple');
  const parts = stored.split('$');
  const tampered = [...parts.slice(0, 5), Buffer.alloc(32, 1).toString('base64')].join('$');
  assert.equal(await verifyPassword('correct horse battery staple', tampered), false);
  for (const bad of ['', 'plain', 'bcrypt$10$x$y$z$w', 'scrypt$3$8$1$c2FsdA==$aGFzaA==', `scrypt$${2 ** 30}$8$1$${parts[4]}$${parts[5]}`]) {
    assert.equal(await verifyPassword('correct horse battery staple', bad), false, bad);
  }
});

test('a short password is refused with the minimum length', async () => {
  await assert.rejects(hashPassword('short'), (error: unknown) => error instanceof InvalidInputError && error.code === 'password_too_short' && /at least 12/.test(error.message));
});

test('generated passwords are 20 unambiguous characters and differ', () => {
  const passwords = new Set(Array.from({ length: 50 }, generatePassword));
  assert.equal(passwords.size, 50);
  for (const password of passwords) assert.match(password, /^[a-km-zA-HJ-NP-Z2-9]{20}$/);
});
