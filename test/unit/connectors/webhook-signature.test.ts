import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { signWebhook, webhookSigningKey } from '../../../src/connectors/webhook/webhook-signature.ts';

void describe('Standard Webhooks signature', () => {
  void it('matches the published Standard Webhooks test vector', () => {
    const signature = signWebhook({
      id: 'msg_p5jXN8AQM9LWM0D4loKWxJek',
      timestamp: 1614265330,
      body: '{"test": 2432232314}',
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
    });
    assert.equal(signature, 'v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=');
  });

  void it('uses a secret without the whsec_ prefix as UTF-8 bytes', () => {
    assert.deepEqual(webhookSigningKey('plain-secret'), Buffer.from('plain-secret', 'utf8'));
    assert.deepEqual(webhookSigningKey('whsec_AAEC'), Buffer.from([0, 1, 2]));
    const expected = createHmac('sha256', 'plain-secret').update('id1.10.{}').digest('base64');
    assert.equal(signWebhook({ id: 'id1', timestamp: 10, body: '{}', secret: 'plain-secret' }), `v1,${expected}`);
  });
});
