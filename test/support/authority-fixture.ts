/** Teams with approval limits and the customer-refund workflow the approver-authority tests decide on. */
export const authorityTeams = `
kind: Team
id: csm
members: [{ email: casey@example.com }, { email: cora@example.com }]
---
kind: Team
id: finance
members:
  - { email: casey@example.com }
  - { email: fran@example.com, approval_limit: { amount: 5000, currency: usd } }
  - { email: frank@example.com, approval_limit: { amount: 10000, currency: usd } }
---
kind: Team
id: juniors
members:
  - { email: jo@example.com, approval_limit: { amount: 100, currency: usd } }
  - { email: jay@example.com, approval_limit: { amount: 9000, currency: eur } }
`;

/** The customer-refund shape: CSM reviews, then Finance approves what is at stake. */
export const refundWorkflow = (id: string, options: { policy?: string; financeTeam?: string } = {}) => `
kind: Workflow
id: ${id}
trigger:
  type: manual
  input:
    - { key: refundAmount, type: number, required: true, min: 0.01 }
steps:
  - id: csm_review
    type: approval
    title: CSM review
    assignee: { team: csm }
    on: { approved: finance_approval, rejected: denied }
  - id: finance_approval
    type: approval
    title: Finance approval
    assignee: { team: ${options.financeTeam ?? 'finance'} }
    amount: "{{ refundAmount }}"
    currency: usd
    on: { approved: refunded, rejected: denied }
  - { id: refunded, type: end, outcome: Refunded }
  - { id: denied, type: end, outcome: Denied }
${options.policy ?? ''}
`;
