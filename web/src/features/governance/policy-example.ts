/** A global policy to start from, shown where there is none yet. */
export const POLICY_EXAMPLE = `kind: Policy
id: refund-rules
title: Refund rules
refunds:
  preflight: true
  limits:
    - { per: customer, period: 1d, max: 2000, currency: usd }
    - { per: account, period: 7d, max: 50000, currency: usd }
  unknown_outcome_team: finance
approvals:
  distinct_approvers: true
  author_cannot_approve: true
`;
