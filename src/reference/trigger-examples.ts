import type { TriggerType } from '../definition/schema.ts';

/**
 * One small workflow per trigger type, as YAML. The test suite validates each
 * (with validateDocuments); the reference and the README show them.
 */
export const TRIGGER_EXAMPLES: Readonly<Record<TriggerType, string>> = {
  event: `kind: Workflow
id: dispute-alert
title: Tell finance about disputes over 100
trigger:
  type: event
  event: charge.dispute.created
  when: object.amount > $minor(100, object.currency)
steps:
  - id: tell_finance
    type: action
    uses: email.send
    with:
      to: { team: finance }
      subject: "Dispute of {{ $money(object.amount, object.currency) }} on {{ object.charge }}"
      body: "Reason: {{ object.reason }}"
`,
  schedule: `kind: Workflow
id: weekly-open-invoices
title: Open invoices every Monday at 9
trigger:
  type: schedule
  cron: "0 9 * * 1"
  timezone: Europe/Paris
steps:
  - id: open_invoices
    type: action
    uses: stripe.invoices.list
    with:
      status: open
      limit: 100
  - id: report
    type: action
    uses: email.send
    with:
      to: { team: finance }
      subject: "{{ $count(open_invoices.data) }} open invoices ({{ schedule.tick }})"
`,
  manual: `kind: Workflow
id: refund-charge
title: Refund part of a charge
trigger:
  type: manual
  input:
    - { key: charge, label: Charge id, required: true, pattern: "^ch_" }
    - { key: amount, label: Amount in USD, type: money, required: true }
steps:
  - id: refund
    type: action
    uses: stripe.refunds.create
    with:
      charge: "{{ charge }}"
      amount: "{{ $minor(amount, 'usd') }}"
`,
  form: `kind: Workflow
id: goodwill-note
title: Note a goodwill gesture on a customer
trigger:
  type: form
  form:
    - { key: customer, label: Customer id, required: true, pattern: "^cus_" }
    - { key: reason, type: textarea, required: true }
steps:
  - id: approve
    type: approval
    assignee: { team: finance }
    on: { rejected: declined }
  - id: tag
    type: action
    uses: stripe.customers.update
    with:
      id: "{{ customer }}"
      metadata: { goodwill: "{{ reason }}", request: "{{ request.id }}" }
    next: done
  - id: declined
    type: end
    outcome: Declined
    status: cancelled
  - id: done
    type: end
    outcome: Noted
`,
  webhook: `kind: Workflow
id: crm-signup
title: Look up the Stripe customer of a CRM sign-up
trigger:
  type: webhook
  when: body.type = "signup"
steps:
  - id: customers
    type: action
    uses: stripe.customers.list
    with:
      email: "{{ body.email }}"
      limit: 1
  - id: remember
    type: set
    values:
      customer_id: "{{ customers.data[0].id }}"
`,
};
