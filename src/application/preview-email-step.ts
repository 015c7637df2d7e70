import { formatAddress, renderEmail, resolveRecipients, type TeamDirectory } from '../connectors/email/index.ts';
import { InvalidInputError, NotFoundError } from '../core/errors.ts';
import { suggestion } from '../definition/did-you-mean.ts';
import { formatPath } from '../definition/definition-issue.ts';
import type { WorkflowDocument } from '../definition/schema.ts';
import { allSteps } from '../definition/workflow-graph.ts';
import { renderTemplate } from '../expression/index.ts';
import type { AppContext } from './app-context.ts';
import { requireWorkflow } from './workflow-admin.ts';
import { requireVersion } from './workflow-versions.ts';

export interface EmailPreview {
  to: string[];
  cc: string[];
  replyTo: string | null;
  subject: string;
  text: string;
  html: string;
}

export interface PreviewEmailInput {
  workflowId: string;
  stepId: string;
  /** Variables as a run would have them, e.g. `{event, object}` or form values. */
  sample: Record<string, unknown>;
  /** A published version; default the draft (what the builder edits). */
  version?: number;
}

/**
 * Renders an `email.send` step's `with` against sample variables, the way the
 * step would, without sending or recording anything: the recipients resolved
 * (teams expanded), the subject, and the text and HTML parts.
 *
 * @throws NotFoundError `step_not_found`; InvalidInputError `step_not_email`; the
 *   template's own errors (`template_value_missing`, ...) with their paths.
 */
export async function previewEmailStep(app: AppContext, input: PreviewEmailInput): Promise<EmailPreview> {
  const { engine } = app;
  const workflow = await requireWorkflow(app, input.workflowId);
  const definition = (input.version === undefined ? workflow.draft : (await requireVersion(app, workflow.id, input.version)).definition) as WorkflowDocument;
  const steps = allSteps(definition.steps);
  const found = steps.find(({ step }) => step.id === input.stepId);
  if (!found) {
    throw new NotFoundError('step_not_found', `workflow "${workflow.id}" has no step "${input.stepId}"${suggestion(input.stepId, steps.map(({ step }) => step.id))}`, { path: 'step' });
  }
  const { step, keys } = found;
  if (step.type !== 'action' || step.uses !== 'email.send') {
    const what = step.type === 'action' ? `uses ${step.uses}` : `is a ${step.type} step`;
    throw new InvalidInputError('step_not_email', `step "${step.id}" ${what}; only email.send steps can be previewed`, [], { path: 'step' });
  }
  const variables = {
    ...input.sample,
    run: input.sample.run ?? { id: 'run_preview', workflow: workflow.id, version: input.version ?? workflow.latestVersion, started_at: engine.clock.now().toISOString() },
  };
  const rendered = (await renderTemplate(step.with, variables, { path: formatPath([...keys, 'with']), timeoutMs: engine.expressionTimeoutMs })) as Record<string, unknown>;
  const teams: TeamDirectory = { membersOf: async (id) => (await engine.store.getTeam(id))?.members };
  const content = renderEmail({ subject: rendered.subject, body: rendered.body, fields: rendered.fields });
  const to = await resolveRecipients(rendered.to, { teams, param: 'with.to', required: true });
  const cc = await resolveRecipients(rendered.cc, { teams, param: 'with.cc', required: false });
  const replyTo = await resolveRecipients(rendered.reply_to, { teams, param: 'with.reply_to', required: false });
  return {
    to: to.map(formatAddress),
    cc: cc.map(formatAddress),
    replyTo: replyTo.length === 0 ? null : replyTo.map(formatAddress).join(', '),
    subject: content.subject,
    text: content.text,
    html: content.html,
  };
}
