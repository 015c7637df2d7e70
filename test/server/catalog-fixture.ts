/** Definitions shared by the catalog, request and approval route tests. */

/** Teams, a refund workflow with a CSM approval, a quick form workflow, a manual one, and a service offering the form ones. */
export const CATALOG_YAML = `
kind: Team
id: csm
members: [{ email: casey@example.com }, { email: cam@example.com }]
---
kind: Workflow
id: refund-request
title: Refund request
trigger:
  type: form
  form:
    - { key: customerEmail, label: Customer Email, type: email, required: true }
    - { key: chargeId, label: Charge ID, type: text, required: true, pattern: "^(ch|pi)_" }
    - { key: refundAmount, label: Refund Amount, type: number, required: true, min: 0.01 }
    - { key: reason, label: Reason, type: select, required: true, options: [Duplicate charge, Goodwill] }
steps:
  - id: note
    type: set
    values:
      ticket: "{{ request.id }} for {{ customerEmail }}"
      submitted_by: "{{ request.requester }}"
  - id: csm_review
    type: approval
    title: CSM Review
    assignee: { team: csm }
    require_comment_on_reject: true
    on: { approved: refunded, rejected: denied }
  - { id: refunded, type: end, outcome: Refunded }
  - { id: denied, type: end, outcome: Denied }
---
kind: Workflow
id: quick
trigger:
  type: form
  form:
    - { key: note, type: text, required: true }
steps:
  - id: echo
    type: set
    values: { echoed: "v1 {{ note }} / {{ request.id }}" }
  - { id: done, type: end, outcome: Done }
---
kind: Workflow
id: by-hand
trigger: { type: manual }
steps:
  - { id: done, type: end, outcome: Done }
---
kind: Service
id: customer-success
title: Customer Success
description: Customer-facing requests
offerings:
  - { id: refund, title: Refund Request, description: Refund a charge, workflow: refund-request }
  - { id: quick-note, title: Quick note, workflow: quick, version: 1 }
  - { id: beta, title: Beta, workflow: quick, status: draft }
`;

export const GOOD_REFUND = { customerEmail: 'pat@example.com', chargeId: 'ch_123', refundAmount: '25.50', reason: 'Goodwill' };
