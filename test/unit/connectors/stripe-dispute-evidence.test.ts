import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PermanentError } from '../../../src/core/errors.ts';
import { disputeUpdateParams } from '../../../src/connectors/stripe/stripe-dispute-evidence.ts';

/** Asserts the parameters are refused before any call, with this code, path and message. */
function refused(params: Record<string, unknown>, expected: { code: string; path: string; message: RegExp }): void {
  assert.throws(() => disputeUpdateParams(params), (error: unknown) => {
    assert.ok(error instanceof PermanentError);
    assert.equal(error.code, expected.code);
    assert.equal(error.path, expected.path);
    assert.match(error.message, expected.message);
    return true;
  });
}

void describe('stripe.disputes.update parameters, checked before the call', () => {
  void it('sends known evidence fields and leaves out null ones (a template over a missing value)', () => {
    assert.deepEqual(
      disputeUpdateParams({ evidence: { customer_name: 'Jenny', customer_email_address: null, receipt: 'file_1', enhanced_evidence: { visa_compliance: { fee_acknowledged: true } } }, submit: false }),
      { evidence: { customer_name: 'Jenny', receipt: 'file_1', enhanced_evidence: { visa_compliance: { fee_acknowledged: true } } }, submit: false },
    );
    assert.deepEqual(disputeUpdateParams({ metadata: { a: '1' } }), { metadata: { a: '1' } }, 'no evidence: nothing to decide about submitting');
  });

  void it('refuses an unknown evidence field (a template may render one), with the closest one', () => {
    refused({ evidence: { customer_nmae: 'x' }, submit: false }, { code: 'stripe_param_invalid', path: 'with.evidence.customer_nmae', message: /no evidence field "customer_nmae" \(did you mean "customer_name"\?\)/ });
  });

  void it('refuses evidence of the wrong shape', () => {
    refused({ evidence: 'all of it', submit: false }, { code: 'stripe_param_invalid', path: 'with.evidence', message: /expected an object of evidence fields/ });
    refused({ evidence: { customer_name: 42 }, submit: false }, { code: 'stripe_param_invalid', path: 'with.evidence.customer_name', message: /expected a string, got 42/ });
    refused({ evidence: { enhanced_evidence: 'yes' }, submit: false }, { code: 'stripe_param_invalid', path: 'with.evidence.enhanced_evidence', message: /expected an object, got "yes"/ });
  });

  void it('asks whether to submit when evidence is given: Stripe would submit, irreversibly', () => {
    refused({ evidence: { customer_name: 'Jenny' } }, { code: 'stripe_param_missing', path: 'with.submit', message: /say whether to submit this evidence.*cannot be taken back/ });
    refused({ evidence: { customer_name: 'Jenny' }, submit: 'false' }, { code: 'stripe_param_missing', path: 'with.submit', message: /Got "false"/ });
  });
});
