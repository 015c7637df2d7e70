import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, newIdempotencyKey } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { ApprovalDetail, ApprovalReview, ApprovalTask } from '../../api/types.ts';
import { FieldsFormAlerts } from '../../ui/fields-form/fields-form-alerts.tsx';
import { FormFieldInput } from '../../ui/fields-form/form-field-input.tsx';
import { useFieldsDraft } from '../../ui/fields-form/use-fields-draft.ts';
import { approvalQuery } from './approvals-api.ts';

type Decision = 'approved' | 'rejected';

/**
 * Approve or reject with a comment, and the step's approver fields when it has a `form`: checked in the
 * browser by the server's own rules before an approval is sent (a rejection needs none, as on the server),
 * sent as `values`. The server's refusal shows where it belongs: a field's under that field, a comment
 * required to reject under the comment, any other above the buttons.
 * When the review says the caller cannot decide (limit, separation of duties, the version's author), the buttons are off and say why.
 */
export function DecisionForm({ task, authority }: { task: ApprovalTask; authority: ApprovalReview['authority'] }) {
  const queries = useQueryClient();
  const [comment, setComment] = useState('');
  const fields = task.form ?? [];
  const approverFields = useFieldsDraft(fields, 'values.');
  const decide = useMutation({
    // One key per click: a retried request of the same click takes effect once.
    mutationFn: (input: { decision: Decision; key: string }) =>
      api<ApprovalDetail>('POST', `/approvals/${encodeURIComponent(task.id)}/decide`, {
        body: {
          decision: input.decision,
          ...(comment.trim() === '' ? {} : { comment: comment.trim() }),
          ...(input.decision === 'approved' && fields.length > 0 ? { values: approverFields.values() } : {}),
        },
        idempotencyKey: input.key,
      }),
    onSuccess: async (detail) => {
      queries.setQueryData(approvalQuery(task.id).queryKey, detail);
      await queries.invalidateQueries({ queryKey: ['approvals'] });
    },
    onError: (refusal) => approverFields.takeIssues(asApiError(refusal)),
  });
  const error = decide.isError ? asApiError(decide.error) : undefined;
  const aboutFields = error !== undefined && approverFields.isAboutFields(error);
  // An approver field may be keyed `comment` too: its issue (`values.comment`) belongs to it.
  const commentError = aboutFields ? undefined : error?.issueAt('comment');
  const otherError = error !== undefined && commentError === undefined && !aboutFields ? error : undefined;
  const choose = (decision: Decision) => {
    if (decision === 'approved' && !approverFields.check()) return;
    decide.mutate({ decision, key: newIdempotencyKey() });
  };
  return (
    <section className="card decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Your decision</h2>
      {fields.length > 0 && (
        <div className="approver-fields" role="group" aria-labelledby="approver-fields-title">
          <h3 id="approver-fields-title">To approve, fill in</h3>
          {fields.map((field) => (
            <FormFieldInput key={field.key} field={field} value={approverFields.draft[field.key] ?? ''} error={approverFields.errorOf(field.key)} onChange={(value) => approverFields.change(field.key, value)} />
          ))}
        </div>
      )}
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
      <FieldsFormAlerts formError={otherError} problems={approverFields.problems} until="you can approve" />
      {!authority.can_decide && (
        <p id="decision-refused" className="form-error" role="note">
          {authority.note === null ? `You cannot decide this: ${authority.reason}` : `You cannot decide this. ${authority.note}`}
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
