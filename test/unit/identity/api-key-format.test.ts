import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskedApiKey, newApiKeyText, parseApiKeyText, sameDigest, sha256Hex } from '../../../src/identity/api-key-format.ts';

test('a new key is tg_<id>_<secret>; it parses back, and only the hash of its secret is kept', () => {
  const key = newApiKeyText();
  assert.match(key.text, /^tg_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
  const parsed = parseApiKeyText(key.text);
  assert.equal(parsed?.id, key.id);
  assert.equal(sha256Hex(parsed?.secret ?? ''), key.hash);
  assert.ok(!key.text.includes(key.hash));
  assert.equal(key.prefix, parsed?.secret.slice(0, 8));
  assert.equal(maskedApiKey(key.id, key.prefix), `tg_${key.id}_${key.prefix}…`);
  assert.notEqual(newApiKeyText().text, key.text);
});

test('text that is not shaped like a key does not parse', () => {
  for (const text of ['', 'tg_', 'sk_test_123', `tg_XYZ_${'a'.repeat(43)}`, `tg_0123456789abcdef_${'a'.repeat(42)}`, `tg_0123456789abcdef_${'a'.repeat(43)} `]) {
    assert.equal(parseApiKeyText(text), undefined, text);
  }
});

test('digests compare equal only when equal', () => {
  assert.equal(sameDigest(sha256Hex('a'), sha256Hex('a')), true);
  assert.equal(sameDigest(sha256Hex('a'), sha256Hex('b')), false);
  assert.equal(sameDigest('', ''), false);
  assert.equal(sameDigest(sha256Hex('a'), 'abcd'), false);
});
