import type { StepType } from '../definition/schema.ts';

/**
 * One small workflow per step type, as YAML, showing the step in use. The
 * test suite validates each (with validateDocuments).
 */
export const STEP_EXAMPLES: Readonly<Record<StepType, string>> = {
  action: `kind: Workflow
id: dispute-charge
trigger: { type: event, event: charge.dispute.created }
steps:
  - id: charge
    type: action
    uses: stripe.charges.retrieve
    with:
      id: "{{ object.charge }}"
    retry: { attempts: 5, backoff: 2s }
    timeout: 30s
    on_error: lookup_failed
  - id: note
    type: action
    uses: email.send
    with:
      to: { team: finance }
      subject: "Dispute on charge {{ charge.id }} of {{ $money(charge.amount, charge.currency) }}"
    next: done
  - id: lookup_failed
    type: end
    status: failed
    outcome: "Charge lookup failed"
  - id: done
    type: end
`,
  decision: `kind: Workflow
id: route-dispute
trigger: { type: event, event: charge.dispute.created }
steps:
  - id: size
    type: decision
    branches:
      - when: object.amount >= $minor(1000, object.currency)
        next: large
      - when: object.reason = "fraudulent"
        next: fraud
    otherwise: small
  - id: large
    type: end
    outcome: Large
  - id: fraud
    type: end
    outcome: Fraud
  - id: small
    type: end
    outcome: Small
`,
  approval: `kind: Workflow
id: approved-refund
trigger:
  type: manual
  input:
    - { key: charge, required: true }
steps:
  - id: review
    type: approval
    title: Approve the refund
    assignee: { team: finance }
    quorum: 1
    require_comment_on_reject: true
    timeout: 2d
    on_timeout: expired
    on: { approved: refund, rejected: refused }
  - id: refund
    type: action
    uses: stripe.refunds.create
    with: { charge: "{{ charge }}" }
    next: done
  - id: refused
    type: end
    outcome: "Refused: {{ review.comment }}"
    status: cancelled
  - id: expired
    type: end
    outcome: No decision
    status: cancelled
  - id: done
    type: end
    outcome: Refunded
`,
  wait: `kind: Workflow
id: dispute-reminder
title: On a dispute, email finance if over 100 USD, wait 2 days, email again
trigger: { type: event, event: charge.dispute.created }
steps:
  - id: charge
    type: action
    uses: stripe.charges.retrieve
    with: { id: "{{ object.charge }}" }
  - id: large
    type: decision
    branches:
      - when: object.currency = "usd" and object.amount > $minor(100, "usd")
        next: first_email
    otherwise: done
  - id: first_email
    type: action
    uses: email.send
    with:
      to: { team: finance }
      subject: "Dispute of {{ $money(object.amount, object.currency) }} on charge {{ charge.id }}"
  - id: two_days
    type: wait
    for: 2d
  - id: reminder
    type: action
    uses: email.send
    with:
      to: { team: finance }
      subject: "Reminder: dispute {{ object.id }} is still open"
  - id: done
    type: end
`,
  parallel: `kind: Workflow
id: customer-overview
trigger:
  type: manual
  input:
    - { key: customer, required: true }
steps:
  - id: lookups
    type: parallel
    join: all
    branches:
      - steps:
          - id: invoices
            type: action
            uses: stripe.invoices.list
            with: { customer: "{{ customer }}" }
      - steps:
          - id: subscriptions
            type: action
            uses: stripe.subscriptions.list
            with: { customer: "{{ customer }}" }
  - id: summary
    type: set
    values:
      invoice_count: "{{ $count(lookups[0].invoices.data) }}"
`,
  foreach: `kind: Workflow
id: tag-customers
trigger:
  type: manual
  input:
    - { key: customers, required: true, help: "customer ids, comma separated" }
steps:
  - id: tag_each
    type: foreach
    items: $split(customers, ",")
    as: customer
    concurrency: 5
    steps:
      - id: tag
        type: action
        uses: stripe.customers.update
        with:
          id: "{{ $trim(customer) }}"
          metadata: { position: "{{ customer_index }}" }
`,
  set: `kind: Workflow
id: compute-refund
trigger:
  type: manual
  input:
    - { key: amount, type: money, required: true }
steps:
  - id: compute
    type: set
    values:
      minor: "{{ $minor(amount, 'usd') }}"
      label: "{{ $money($minor(amount, 'usd'), 'usd') }}"
  - id: tell
    type: action
    uses: email.send
    with:
      to: finance@example.com
      subject: "Refunding {{ label }} ({{ minor }} cents)"
`,
  workflow: `kind: Workflow
id: dispute-with-refund
trigger: { type: event, event: charge.dispute.created }
steps:
  - id: refund
    type: workflow
    workflow: refund-charge
    input:
      charge: "{{ object.charge }}"
      amount: 10
  - id: outcome
    type: decision
    branches:
      - when: refund.status = "succeeded"
        next: done
    otherwise: failed
  - id: done
    type: end
    outcome: "Refunded ({{ refund.outcome }})"
  - id: failed
    type: end
    status: failed
`,
  end: `kind: Workflow
id: close-small-disputes
trigger: { type: event, event: charge.dispute.created }
steps:
  - id: small
    type: decision
    branches:
      - when: object.amount < 500
        next: ignore
    otherwise: escalate
  - id: ignore
    type: end
    outcome: Ignored
    status: cancelled
  - id: escalate
    type: end
    outcome: Escalated
`,
};
