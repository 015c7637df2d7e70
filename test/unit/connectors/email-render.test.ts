import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PermanentError } from '../../../src/core/errors.ts';
import { renderEmail } from '../../../src/connectors/email/email-render.ts';

void describe('renderEmail', () => {
  void it('appends fields as a table in HTML and label: value lines in text', () => {
    const email = renderEmail({
      subject: 'Refund issued',
      body: 'A refund went out.\n\nSee the details below.',
      fields: [
        { label: 'Amount', value: '$19.99' },
        { label: 'Charge', value: 'ch_123' },
        { label: 'Meta', value: { tier: 'vip' } },
      ],
    });
    assert.equal(email.subject, 'Refund issued');
    assert.equal(email.text, 'A refund went out.\n\nSee the details below.\n\nAmount: $19.99\nCharge: ch_123\nMeta: {\n  "tier": "vip"\n}\n');
    assert.match(email.html, /<p[^>]*>A refund went out\.<\/p>\n<p[^>]*>See the details below\.<\/p>/);
    assert.match(email.html, /<table[^>]*>\n<tr><th[^>]*>Amount<\/th><td[^>]*>\$19\.99<\/td><\/tr>\n<tr><th[^>]*>Charge<\/th><td[^>]*>ch_123<\/td><\/tr>/);
    assert.equal(email.fields.length, 3);
  });

  void it('escapes HTML in the body, labels, values and title', () => {
    const email = renderEmail({
      subject: 'Dispute <b>lost</b> & "won"',
      body: '<script>alert(1)</script>\nline two',
      fields: [{ label: '<img src=x onerror=alert(1)>', value: "O'Brien & <Co>" }],
    });
    assert.doesNotMatch(email.html, /<script>|<img|<b>/);
    assert.match(email.html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;<br>\nline two/);
    assert.match(email.html, /<th[^>]*>&lt;img src=x onerror=alert\(1\)&gt;<\/th><td[^>]*>O&#39;Brien &amp; &lt;Co&gt;<\/td>/);
    assert.match(email.html, /<title>Dispute &lt;b&gt;lost&lt;\/b&gt; &amp; &quot;won&quot;<\/title>/);
    assert.match(email.text, /<script>alert\(1\)<\/script>/, 'the text part stays as written');
  });

  void it('makes each web address in the body a link, escaped, without the punctuation after it', () => {
    const email = renderEmail({
      subject: 'Approval needed',
      body: 'Open it: https://tollgate.example.com/approvals/apt_1?tab=a&b=1.\nOr see (http://localhost:8080/runs). Not javascript:alert(1) nor "https://x.example/"><script>',
    });
    assert.match(email.html, /Open it: <a href="https:\/\/tollgate\.example\.com\/approvals\/apt_1\?tab=a&amp;b=1">https:\/\/tollgate\.example\.com\/approvals\/apt_1\?tab=a&amp;b=1<\/a>\.<br>/);
    assert.match(email.html, /\(<a href="http:\/\/localhost:8080\/runs">http:\/\/localhost:8080\/runs<\/a>\)\./);
    assert.match(email.html, /Not javascript:alert\(1\) nor &quot;<a href="https:\/\/x\.example\/">https:\/\/x\.example\/<\/a>&quot;&gt;&lt;script&gt;/);
    assert.doesNotMatch(email.html, /<script>/);
    assert.match(email.text, /Open it: https:\/\/tollgate\.example\.com\/approvals\/apt_1\?tab=a&b=1\./, 'the text part stays as written');
  });

  void it('keeps the subject on one line and works without a body or fields', () => {
    const email = renderEmail({ subject: 'Line one\r\nBcc: evil@example.com' });
    assert.equal(email.subject, 'Line one Bcc: evil@example.com');
    assert.equal(email.text, '\n');
    assert.doesNotMatch(email.html, /<table/);
  });

  void it('refuses a missing subject and malformed fields, naming the path', () => {
    assert.throws(() => renderEmail({ subject: '  ' }), (error: unknown) => error instanceof PermanentError && error.code === 'email_subject_missing' && error.path === 'with.subject');
    assert.throws(() => renderEmail({ subject: 's', fields: { label: 'x' } }), (error: unknown) => error instanceof PermanentError && error.path === 'with.fields');
    assert.throws(() => renderEmail({ subject: 's', fields: [{ label: 'ok', value: 1 }, { value: 2 }] }), (error: unknown) => error instanceof PermanentError && error.path === 'with.fields[1].label');
  });
});
