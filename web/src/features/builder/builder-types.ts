/** One problem in the draft, placed by its keys relative to the Workflow document (`['steps', 2, 'with', 'amount']`). */
export interface BuilderIssue {
  path: string;
  keys: (string | number)[];
  message: string;
  severity: 'error' | 'warning';
}

/** What a preview ran: each graph node's state and the node ids in the order they were taken. */
export interface PreviewHighlight {
  states: Record<string, 'succeeded' | 'failed' | 'waiting'>;
  path: string[];
}
