// How the Money rules page words a policy: caps as sentences, periods in
// words, amounts in major units with the currency's decimals, flags with
// their default.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { capInWords, flagInWords, majorAmount, periodInWords } from '../../../web/src/features/governance/policy-words.ts';

void describe('policy words', () => {
  void it('says a cap as a sentence, per customer, workflow or account', () => {
    assert.equal(capInWords({ per: 'customer', period: '1d', max: 2000, currency: 'usd' }), 'At most 2,000.00 USD per customer per 1 day');
    assert.equal(capInWords({ per: 'workflow', period: '12h', max: 150.5, currency: 'eur' }), 'At most 150.50 EUR per workflow per 12 hours');
    assert.equal(capInWords({ per: 'account', period: '2w', max: 100000, currency: 'jpy' }), 'At most 100,000 JPY across the account per 2 weeks');
  });

  void it('keeps what it cannot word as written', () => {
    assert.equal(periodInWords('1.5d'), '1.5 days');
    assert.equal(periodInWords('30m'), '30 minutes');
    assert.equal(periodInWords('soon'), 'soon');
    assert.equal(majorAmount(19.999, 'usd'), '19.999 USD');
  });

  void it('names a flag left out as on by default', () => {
    assert.equal(flagInWords(undefined), 'On (default)');
    assert.equal(flagInWords(true), 'On');
    assert.equal(flagInWords(false), 'Off');
  });
});
