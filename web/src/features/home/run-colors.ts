/** The colours of how runs went, the same in every chart. */
export const RUN_COLORS = { succeeded: '#1a7f37', failed: '#c0262d', other: '#9aa3ad' } as const;
