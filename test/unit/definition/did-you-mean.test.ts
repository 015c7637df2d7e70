import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { didYouMean, listChoices, suggestion } from '../../../src/definition/did-you-mean.ts';

void describe('didYouMean', () => {
  void it('suggests the closest candidate for a typo', () => {
    assert.equal(didYouMean('procss_refund', ['csm_review', 'process_refund', 'denied']), 'process_refund');
    assert.equal(didYouMean('wiht', ['with', 'uses', 'output']), 'with');
    assert.equal(didYouMean('stripe.refund.create', ['stripe.refunds.create', 'email.send']), 'stripe.refunds.create');
  });

  void it('prefers a candidate that differs only in case', () => {
    assert.equal(didYouMean('workflow', ['Workflow', 'Team']), 'Workflow');
  });

  void it('suggests nothing when no candidate is close', () => {
    assert.equal(didYouMean('banana', ['process_refund', 'denied']), undefined);
    assert.equal(didYouMean('id', ['as']), undefined);
    assert.equal(didYouMean('x', []), undefined);
  });

  void it('allows about one edit in three for long words', () => {
    assert.equal(didYouMean('refundAmout', ['refundAmount']), 'refundAmount');
    assert.equal(didYouMean('custmrEml', ['customerEmail']), undefined);
  });

  void it('never suggests the word itself', () => {
    assert.equal(didYouMean('next', ['next']), undefined);
  });

  void it('formats suggestions and choices for messages', () => {
    assert.equal(suggestion('wiht', ['with'], '`'), ' (did you mean `with`?)');
    assert.equal(suggestion('zzz', ['with']), '');
    assert.equal(listChoices(['a', 'b', 'c']), '"a", "b" or "c"');
    assert.equal(listChoices(['a']), '"a"');
  });
});
