/** A team `finance` (fran@example.com) and a manual workflow `approve` whose one approval step `sign_off` it decides. */
export const SIGN_OFF_WORKFLOW = `
kind: Team
id: finance
members: [{ email: fran@example.com }]
---
kind: Workflow
id: approve
trigger: { type: manual }
steps:
  - id: sign_off
    type: approval
    assignee: { team: finance }
    on: { approved: yes, rejected: no }
  - { id: yes, type: end, outcome: Approved }
  - { id: no, type: end, outcome: Denied }
`;
