/** Team `finance` (fran@example.com). */
export const FINANCE_TEAM = `
kind: Team
id: finance
members: [{ email: fran@example.com }]
`;

/** A manual workflow `approve` whose one approval step `sign_off` team finance decides; `settings` are more lines of that step (e.g. `timeout: 1d`). */
export function signOffWorkflow(settings: readonly string[] = []): string {
  return `
kind: Workflow
id: approve
trigger: { type: manual }
steps:
  - id: sign_off
    type: approval
    assignee: { team: finance }
${settings.map((line) => `    ${line}\n`).join('')}    on: { approved: yes, rejected: no }
  - { id: yes, type: end, outcome: Approved }
  - { id: no, type: end, outcome: Denied }
`;
}

/** The team and the workflow. */
export const SIGN_OFF_WORKFLOW = `${FINANCE_TEAM}---${signOffWorkflow()}`;
