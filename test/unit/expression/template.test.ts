import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { PermanentError } from '../../../src/core/errors.ts';
import { checkTemplate, parseTemplate } from '../../../src/expression/template-parser.ts';
import { checkTemplates, listTemplateExpressions, renderTemplate, templateExpressions } from '../../../src/expression/template.ts';

void describe('parseTemplate', () => {
  void it('splits text and expressions', () => {
    assert.deepEqual(parseTemplate('Refund {{ id }} done').parts, [
      { type: 'text', text: 'Refund ' },
      { type: 'expression', source: 'id' },
      { type: 'text', text: ' done' },
    ]);
    assert.equal(parseTemplate('Refund {{ id }}').whole, undefined);
  });

  void it('marks a string that is exactly one expression, ignoring whitespace around it', () => {
    assert.equal(parseTemplate('{{ amount }}').whole, 'amount');
    assert.equal(parseTemplate('  {{amount}}\n').whole, 'amount');
    assert.equal(parseTemplate('{{ a }}{{ b }}').whole, undefined);
  });

  void it('keeps braces and quotes that belong to the expression', () => {
    assert.equal(parseTemplate('{{ {"a": {"b": 1}} }}').whole, '{"a": {"b": 1}}');
    assert.equal(parseTemplate('{{ "}}" & x }}').whole, '"}}" & x');
    assert.equal(parseTemplate("{{ 'it\\'s }}' }}").whole, "'it\\'s }}'");
  });

  void it('caches parsed templates', () => {
    assert.equal(parseTemplate('Hi {{ name }}'), parseTemplate('Hi {{ name }}'));
  });

  void it('reports unbalanced and empty braces as issues', () => {
    assert.match(checkTemplate('Hi {{ name', { path: 'with.subject' })?.message ?? '', /never closed/);
    assert.equal(checkTemplate('Hi {{ name', { path: 'with.subject' })?.path, 'with.subject');
    assert.match(checkTemplate('Hi name }}')?.message ?? '', /has no "\{\{" before it/);
    assert.match(checkTemplate('Hi {{ }}')?.message ?? '', /is empty/);
    assert.equal(checkTemplate('Hi {{ name }}'), null);
    assert.throws(() => parseTemplate('{{ a'), { code: 'template_invalid' });
  });
});

void describe('renderTemplate', () => {
  const variables = {
    refundAmount: 19.99,
    chargeIdToRefund: 'ch_123',
    reason: 'Duplicate charge',
    request: { id: 'req_1' },
    object: { id: 'pi_1', customer: 'cus_1', amount: 250000, currency: 'usd' },
    flags: { vip: true },
    stripeRefundResult: { id: 're_1', amount: 1999 },
  };

  void it('keeps the type of a whole-string template', async () => {
    assert.equal(await renderTemplate("{{ $minor(refundAmount, 'usd') }}", variables), 1999);
    assert.equal(await renderTemplate(' {{ flags.vip }} ', variables), true);
    assert.deepEqual(await renderTemplate('{{ request }}', variables), { id: 'req_1' });
    assert.equal(await renderTemplate('{{ null }}', variables), null);
    assert.equal(await renderTemplate('{{ missing }}', variables), undefined);
  });

  void it('renders mixed strings as text', async () => {
    assert.equal(
      await renderTemplate("We've processed your refund of {{ $money(stripeRefundResult.amount, 'usd') }} (Stripe ID: {{ stripeRefundResult.id }}).", variables),
      "We've processed your refund of $19.99 (Stripe ID: re_1).",
    );
    assert.equal(await renderTemplate('{{ refundAmount }} / {{ flags.vip }} / {{ request }}', variables), '19.99 / true / {"id":"req_1"}');
    assert.equal(await renderTemplate('no template here', variables), 'no template here');
  });

  void it('drops parameters whose whole-string template gives nothing (customer-refund example)', async () => {
    const rendered = await renderTemplate(
      {
        charge: "{{ $substring(chargeIdToRefund, 0, 3) = 'ch_' ? chargeIdToRefund }}",
        payment_intent: "{{ $substring(chargeIdToRefund, 0, 3) = 'pi_' ? chargeIdToRefund }}",
        amount: "{{ $minor(refundAmount, 'usd') }}",
        metadata: { request: '{{ request.id }}', reason: '{{ reason }}' },
      },
      variables,
    );
    assert.deepEqual(rendered, { charge: 'ch_123', amount: 1999, metadata: { request: 'req_1', reason: 'Duplicate charge' } });
    assert.equal(Object.hasOwn(rendered as object, 'payment_intent'), false);
  });

  void it('renders nested objects and arrays, dropping array elements that give nothing', async () => {
    const rendered = await renderTemplate(
      {
        to: { team: 'fulfillment' },
        subject: 'Handwritten note for order {{ object.id }}',
        fields: [
          { label: 'Customer ID', value: '{{ object.customer }}' },
          { label: 'Amount', value: '{{ $money(object.amount, object.currency) }}' },
        ],
        tags: ['{{ object.currency }}', '{{ missing }}', 7, null],
        metadata: { Tier: 'VIP' },
      },
      variables,
    );
    assert.deepEqual(rendered, {
      to: { team: 'fulfillment' },
      subject: 'Handwritten note for order pi_1',
      fields: [
        { label: 'Customer ID', value: 'cus_1' },
        { label: 'Amount', value: '$2,500.00' },
      ],
      tags: ['usd', 7, null],
      metadata: { Tier: 'VIP' },
    });
  });

  void it('fails when an expression in a mixed string gives nothing, naming it and the path', async () => {
    await assert.rejects(
      renderTemplate({ body: { subject: 'Hello {{ customer.nam }}' } }, { customer: { name: 'Ada' } }, { path: 'steps[2].with' }),
      (error: unknown) => {
        assert.ok(error instanceof PermanentError);
        assert.equal(error.code, 'template_value_missing');
        assert.equal(error.path, 'steps[2].with.body.subject');
        assert.match(error.message, /"\{\{ customer\.nam \}\}" gave nothing/);
        return true;
      },
    );
    await assert.rejects(renderTemplate('Hello {{ name }}', { name: null }), { code: 'template_value_missing' });
  });

  void it('renders the same when some expressions need JSONata, wherever they sit', async () => {
    const value = { id: '{{ object.id }}', list: ['{{ $uppercase(object.currency) }}', 'for {{ object.customer }}'], deep: { amount: '{{ object.amount }}' } };
    assert.deepEqual(await renderTemplate(value, variables), { id: 'pi_1', list: ['USD', 'for cus_1'], deep: { amount: 250000 } });
    await assert.rejects(renderTemplate({ currency: '{{ $uppercase(object.currency) }}', note: 'for {{ object.nobody }}' }, variables, { path: 'with' }), {
      code: 'template_value_missing',
      path: 'with.note',
    });
  });

  void it('puts the path on evaluation errors', async () => {
    await assert.rejects(renderTemplate({ amount: "{{ $minor(19.999, 'usd') }}" }, {}, { path: 'with' }), {
      code: 'money_too_precise',
      path: 'with.amount',
    });
  });
});

void describe('template expressions for validation', () => {
  const withBlock = {
    charge: "{{ $substring(chargeIdToRefund, 0, 3) = 'ch_' ? chargeIdToRefund }}",
    metadata: { request: '{{ request.id }}', 'odd key': 'x {{ reason }} y {{ notes }}' },
    list: ['{{ a }}', 'plain', 3],
  };

  void it('lists every expression, in document order, with its path', () => {
    assert.deepEqual(templateExpressions(withBlock), [
      "$substring(chargeIdToRefund, 0, 3) = 'ch_' ? chargeIdToRefund",
      'request.id',
      'reason',
      'notes',
      'a',
    ]);
    assert.deepEqual(
      listTemplateExpressions(withBlock, { path: 'with' }).map((found) => found.path),
      ['with.charge', 'with.metadata.request', 'with.metadata["odd key"]', 'with.metadata["odd key"]', 'with.list[0]'],
    );
  });

  void it('reports broken templates and expressions that do not parse', () => {
    const issues = checkTemplates({ ok: '{{ a }}', open: 'x {{ a', bad: '{{ a > }}' }, { path: 'with' });
    assert.deepEqual(issues.map((issue) => issue.path), ['with.open', 'with.bad']);
    assert.match(issues[1]!.message, /does not parse/);
    assert.deepEqual(checkTemplates(withBlock), []);
  });
});
