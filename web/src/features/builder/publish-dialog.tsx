import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api } from '../../api/api-client.ts';
import type { Version } from '../../api/types.ts';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';

/** Publish the saved draft as a new version, with an annotation and, if asked, made the active version. */
export function PublishDialog({ workflowId, open, onClose, onPublished }: { workflowId: string; open: boolean; onClose: () => void; onPublished: (version: number) => void }) {
  const annotationId = useId();
  const [annotation, setAnnotation] = useState('');
  const [activate, setActivate] = useState(false);
  const queries = useQueryClient();
  const publish = useMutation({
    mutationFn: () =>
      api<{ version: Version }>('POST', `/workflows/${encodeURIComponent(workflowId)}/publish`, {
        body: { ...(annotation.trim() === '' ? {} : { annotation: annotation.trim() }), activate },
      }),
    onSuccess: async (answer) => {
      await queries.invalidateQueries({ queryKey: ['workflows'] });
      onPublished(answer.version.version);
      setAnnotation('');
      publish.reset();
    },
  });
  return (
    <ConfirmDialog
      open={open}
      title="Publish this draft?"
      description={
        <>
          <p>The saved draft becomes a new version. Runs already under way keep the version they started on.</p>
          <div className="field">
            <label htmlFor={annotationId}>What changed</label>
            <textarea id={annotationId} rows={3} maxLength={500} value={annotation} onChange={(changed) => setAnnotation(changed.target.value)} placeholder="e.g. Refund only warnings over 50 USD" />
          </div>
          <label className="checkbox">
            <input type="checkbox" checked={activate} onChange={(changed) => setActivate(changed.target.checked)} /> Make it the active version (new triggers start runs on it)
          </label>
        </>
      }
      confirmLabel={activate ? 'Publish and activate' : 'Publish'}
      pendingLabel="Publishing…"
      pending={publish.isPending}
      error={publish.error}
      onConfirm={() => publish.mutate()}
      onClose={() => {
        publish.reset();
        onClose();
      }}
    />
  );
}
