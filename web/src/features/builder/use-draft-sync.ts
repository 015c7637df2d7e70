import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { BuilderIssue } from './builder-types.ts';
import { clearLocalDraft, writeLocalDraft } from './local-draft.ts';
import { builderIssues, type ValidationIssue } from './model/issue-keys.ts';

/** How long the builder waits after the last edit before validating and saving. */
const SAVE_DELAY_MS = 700;

export type SaveState =
  | { kind: 'unchanged' }
  | { kind: 'pending' }
  | { kind: 'saved'; at: number }
  | { kind: 'invalid'; problems: number }
  | { kind: 'failed'; message: string };

/**
 * Keeps the server's draft of a workflow in step with the builder: each change goes to localStorage
 * at once; after a pause it is validated (`POST /validate`), and when valid saved as the draft
 * (`POST /apply?draft=true`), which removes the local copy. Invalid, it stays local and the issues come back.
 */
export function useDraftSync(options: { workflowId: string; definition: Record<string, unknown>; serverDraft: string | null }): { state: SaveState; issues: BuilderIssue[] } {
  const { workflowId, definition } = options;
  const queries = useQueryClient();
  const saved = useRef<string | null>(options.serverDraft);
  const [state, setState] = useState<SaveState>({ kind: 'unchanged' });
  const [issues, setIssues] = useState<BuilderIssue[]>([]);
  const text = JSON.stringify(definition);

  useEffect(() => {
    const changed = text !== saved.current;
    if (changed) {
      writeLocalDraft(workflowId, definition);
      setState({ kind: 'pending' });
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      void (async () => {
        const body = { documents: [definition] };
        try {
          const validated = await api<{ warnings?: ValidationIssue[] }>('POST', '/validate', { body, signal: controller.signal });
          setIssues(builderIssues((validated.warnings ?? []).map((warning) => ({ ...warning, severity: 'warning' }))));
          if (!changed) {
            // Back to what the server holds: nothing to save, and no local copy to keep.
            clearLocalDraft(workflowId);
            setState((current) => (current.kind === 'saved' ? current : { kind: 'unchanged' }));
            return;
          }
          await api('POST', '/apply', { query: { draft: true }, body, signal: controller.signal });
          saved.current = text;
          clearLocalDraft(workflowId, text);
          setState({ kind: 'saved', at: Date.now() });
          void queries.invalidateQueries({ queryKey: ['workflows'] });
        } catch (error) {
          if (controller.signal.aborted) return;
          const apiError = asApiError(error);
          if (apiError.code === 'definition_invalid') {
            const found = builderIssues(apiError.issues);
            setIssues(found);
            if (changed) setState({ kind: 'invalid', problems: found.filter((issue) => issue.severity === 'error').length });
          } else if (changed) {
            setState({ kind: 'failed', message: apiError.message });
          }
        }
      })();
    }, SAVE_DELAY_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
    // `text` stands for `definition`: the same text is the same draft.
  }, [text, workflowId]);

  return { state, issues };
}
