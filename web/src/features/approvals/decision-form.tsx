import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { ApprovalDetail, ApprovalReview, ApprovalTask } from '../../api/types.ts';
import { approvalQuery } from './approvals-api.ts';

type Decision = 'approved' | 'rejected';

/**
 * Approve or reject with a comment; the server's refusal (e.g. a comment required to reject) shows under the comment.
 * When the review says the caller cannot decide (limit, separation of duties, the version's author), the buttons are off and say why.
 */
export function DecisionForm({ task, authority }: { task: ApprovalTask; authority: ApprovalReview['authority'] }) {
  const queries = useQueryClient();
  const [comment, setComment] = useState('');
  const decide = useMutation({
    // One key per click: a retried request of the same click takes effect once.
    mutationFn: (input: { decision: Decision; key: string }) =>
      api<ApprovalDetail>('POST', `/approvals/${encodeURIComponent(task.id)}/decide`, {
        body: { decision: input.decision, ...(comment.trim() === '' ? {} : { comment: comment.trim() }) },
        idempotencyKey: input.key,
      }),
    onSuccess: async (detail) => {
      queries.setQueryData(approvalQuery(task.id).queryKey, detail);
      await queries.invalidateQueries({ queryKey: ['approvals'] });
    },
  });
  const error = decide.isError ? asApiError(decide.error) : undefined;
  const commentError = error?.issueAt('comment');
  const otherError = error !== undefined && commentError === undefined ? error.message : undefined;
  const choose = (decision: Decision) => decide.mutate({ decision, key: newIdempotencyKey() });
  return (
    <section className="card decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Your decision</h2>
      <div className="field">
        <label htmlFor="decision-comment">
          Comment <span className="hint">{task.require_comment_on_reject ? '(required to reject; the requester sees it)' : '(optional)'}</span>
        </label>
        <textarea
          id="decision-comment"
          value={comment}
          onChange={(event) => setComment(event.target.value)}
          aria-invalid={commentError !== undefined}
          aria-describedby={commentError === undefined ? undefined : 'decision-comment-error'}
          maxLength={5000}
        />
        {commentError !== undefined && (
          <p id="decision-comment-error" className="field-error" role="alert">
            {error?.message ?? commentError}
          </p>
        )}
      </div>
      {otherError !== undefined && (
        <p className="form-error" role="alert">
          {otherError}
        </p>
      )}
      {!authority.can_decide && (
        <p id="decision-refused" className="form-error" role="note">
          You cannot decide this: {authority.reason}
        </p>
      )}
      <div className="decision-buttons" aria-describedby={authority.can_decide ? undefined : 'decision-refused'}>
        <button type="button" className="button primary" disabled={decide.isPending || !authority.can_decide} onClick={() => choose('approved')}>
          {decide.isPending && decide.variables.decision === 'approved' ? 'Approving…' : 'Approve'}
        </button>
        <button type="button" className="button danger" disabled={decide.isPending || !authority.can_decide} onClick={() => choose('rejected')}>
          {decide.isPending && decide.variables.decision === 'rejected' ? 'Rejecting…' : 'Reject'}
        </button>
      </div>
    </section>
  );
}
