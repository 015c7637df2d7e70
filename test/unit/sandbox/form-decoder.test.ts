import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeForm } from '../../../src/sandbox/form-decoder.ts';
import { SandboxApiError } from '../../../src/sandbox/sandbox-errors.ts';

void describe('decodeForm', () => {
  void it('decodes flat pairs, spaces and percent escapes', () => {
    assert.deepEqual(decodeForm('amount=2000&currency=usd&description=Hello+world%21'), {
      amount: '2000',
      currency: 'usd',
      description: 'Hello world!',
    });
  });

  void it('builds nested hashes from brackets, encoded or not', () => {
    assert.deepEqual(decodeForm('metadata[tier]=vip&metadata%5Border%5D=42&a[b][c]=d'), {
      metadata: { tier: 'vip', order: '42' },
      a: { b: { c: 'd' } },
    });
  });

  void it('builds lists from [] and from indices, in index order', () => {
    assert.deepEqual(decodeForm('expand[]=customer&expand[]=payment_intent&types[1]=b&types[0]=a'), {
      expand: ['customer', 'payment_intent'],
      types: ['a', 'b'],
    });
  });

  void it('builds lists of hashes', () => {
    assert.deepEqual(decodeForm('items[0][price]=p_1&items[0][quantity]=2&items[1][price]=p_2'), {
      items: [{ price: 'p_1', quantity: '2' }, { price: 'p_2' }],
    });
  });

  void it('keeps empty values, which unset fields', () => {
    assert.deepEqual(decodeForm('metadata=&email='), { metadata: '', email: '' });
    assert.deepEqual(decodeForm('metadata[old]='), { metadata: { old: '' } });
  });

  void it('rejects a name used both as a value and as a hash', () => {
    assert.throws(() => decodeForm('metadata=x&metadata[a]=b'), (error: unknown) => error instanceof SandboxApiError && error.status === 400 && error.body.param === 'metadata[a]');
  });

  void it('rejects prototype keys and malformed names', () => {
    assert.throws(() => decodeForm('a[__proto__][x]=1'), SandboxApiError);
    assert.throws(() => decodeForm('a[b=1'), SandboxApiError);
    assert.throws(() => decodeForm('[a]=1'), SandboxApiError);
  });

  void it('returns an empty object for an empty body', () => {
    assert.deepEqual(decodeForm(''), {});
  });
});
