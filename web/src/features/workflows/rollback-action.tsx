import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ConfirmDialog } from '../../ui/confirm-dialog.tsx';
import { useRollback } from './workflow-queries.ts';

export interface RollbackActionProps {
  workflow: { id: string; title: string; status: string; latest_version: number };
  version: number;
  /** The annotation the version was published with, shown in the question. */
  annotation: string | null;
}

/**
 * "Roll back to this version" and the question before it: re-publishes the version as a new one,
 * then opens the new version on the workflow's page.
 */
export function RollbackAction({ workflow, version, annotation }: RollbackActionProps) {
  const rollback = useRollback(workflow.id);
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const next = workflow.latest_version + 1;
  return (
    <>
      <button
        type="button"
        className="button"
        onClick={() => {
          rollback.reset();
          setConfirming(true);
        }}
      >
        Roll back to version {version}
      </button>
      <ConfirmDialog
        open={confirming}
        title={`Roll back ${workflow.title} to version ${version}?`}
        description={
          <>
            <p>
              Version {version}
              {annotation === null ? '' : ` (“${annotation}”)`} is published again as version {next}
              {workflow.status === 'active' ? `, and runs that start from now on use it` : ''}. The draft becomes version {version}&apos;s definition: unpublished edits to the
              draft are replaced.
            </p>
            <p className="muted">Runs under way keep the version they started on. Later versions stay in the history.</p>
          </>
        }
        confirmLabel={`Roll back to version ${version}`}
        pendingLabel="Rolling back…"
        pending={rollback.isPending}
        error={rollback.error}
        onConfirm={() =>
          rollback.mutate(version, {
            onSuccess: (answer) => {
              setConfirming(false);
              void navigate({ to: '/workflows/$id', params: { id: workflow.id }, search: { version: answer.version.version } });
            },
          })
        }
        onClose={() => setConfirming(false)}
      />
    </>
  );
}
