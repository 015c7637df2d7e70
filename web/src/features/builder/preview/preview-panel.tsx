import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { ConfirmDialog } from '../../../ui/confirm-dialog.tsx';
import { sandboxQuery } from '../../events/event-queries.ts';
import type { PreviewHighlight } from '../builder-types.ts';
import { EventChoice, type EventChoiceValue } from './event-choice.tsx';
import { parseEventJson } from './event-json.ts';
import { previewHighlight } from './preview-highlight.ts';
import { editedSampleEvent } from './sample-event-editor.tsx';
import { PreviewResult } from './preview-result.tsx';
import { SimulationError } from './simulation-error.tsx';
import { usePreviewRun } from './simulation-queries.ts';
import type { Approval, PreviewRequest } from './simulation-types.ts';
import { draftTrigger, type DraftTrigger } from './trigger-of.ts';

export interface PreviewPanelProps {
  /** The draft Workflow document, as the builder holds it. */
  definition: Record<string, unknown>;
  /** The path the previewed run took, for the builder's graph; null when there is none to show. */
  onPath: (highlight: PreviewHighlight | null) => void;
}

interface PreviewOptions {
  choice: EventChoiceValue;
  input: string;
  liveReads: boolean;
  approval: Approval;
}

/**
 * Runs the draft once, with every side effect stubbed, on a sample event, a stored past event or
 * pasted JSON, and shows what the run would do. In sandbox mode it can also run for real there.
 */
export function PreviewPanel({ definition, onPath }: PreviewPanelProps) {
  const trigger = useMemo(() => draftTrigger(definition), [definition]);
  const [options, setOptions] = useState<PreviewOptions>({ choice: { source: 'sample', type: '', eventId: '', json: '', sample: null }, input: '{}', liveReads: false, approval: 'approve' });
  const [problem, setProblem] = useState<{ field: 'json' | 'input' | 'event'; message: string } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const sandbox = useQuery(sandboxQuery);
  const preview = usePreviewRun();
  const ranOn = preview.variables?.definition;

  const run = (effects: 'simulated' | 'sandbox') => {
    const built = previewRequest(definition, trigger, options, effects);
    if ('field' in built) {
      setProblem(built);
      return;
    }
    setProblem(null);
    preview.mutate(built, {
      onSuccess: (result) => {
        setConfirming(false);
        onPath(result.run === null ? null : previewHighlight(result.run));
      },
      onError: () => onPath(null),
    });
  };

  return (
    <section className="preview-panel stack" aria-labelledby="preview-title">
      <h2 id="preview-title">Preview</h2>
      <form
        className="preview-form"
        onSubmit={(submit) => {
          submit.preventDefault();
          run('simulated');
        }}
      >
        {trigger.type === 'event' ? (
          <EventChoice value={options.choice} onChange={(choice) => setOptions({ ...options, choice })} eventTypes={trigger.eventTypes} jsonError={problem?.field === 'json' ? problem.message : null} />
        ) : trigger.type === 'manual' || trigger.type === 'form' ? (
          <label className="field">
            <span>Input (JSON)</span>
            <span className="hint">{trigger.inputKeys.length === 0 ? 'The trigger has no input fields.' : `The trigger's fields: ${trigger.inputKeys.join(', ')}.`}</span>
            <textarea className="mono preview-json" value={options.input} onChange={(change) => setOptions({ ...options, input: change.target.value })} aria-invalid={problem?.field === 'input' ? true : undefined} spellCheck={false} />
            {problem?.field === 'input' && <span className="field-error">{problem.message}</span>}
          </label>
        ) : (
          <p className="muted small">{trigger.type === null ? 'The draft has no trigger yet.' : `A ${trigger.type} trigger: the run gets sample trigger values.`}</p>
        )}
        <label className="check">
          <input type="checkbox" checked={options.liveReads} onChange={(change) => setOptions({ ...options, liveReads: change.target.checked })} aria-describedby="live-reads-hint" />
          Live reads
        </label>
        <p className="hint small muted" id="live-reads-hint">
          Reads, such as retrieving a charge, go to Stripe for real; nothing is ever written. Unticked, reads answer sample data too.
        </p>
        <fieldset className="fieldset">
          <legend>Approval steps</legend>
          <div className="row">
            {(['approve', 'reject'] as const).map((decision) => (
              <label key={decision} className="check">
                <input type="radio" name="preview-approval" value={decision} checked={options.approval === decision} onChange={() => setOptions({ ...options, approval: decision })} />
                {decision === 'approve' ? 'Approved' : 'Rejected'}
              </label>
            ))}
          </div>
        </fieldset>
        {problem?.field === 'event' && <p className="form-error">{problem.message}</p>}
        <div className="form-actions">
          <button type="submit" className="button primary" disabled={preview.isPending}>
            {preview.isPending && preview.variables?.effects !== 'sandbox' ? 'Running preview…' : 'Run preview'}
          </button>
          {sandbox.data?.sandbox.running === true && (
            <button type="button" className="button" disabled={preview.isPending} onClick={() => setConfirming(true)}>
              Run for real in the sandbox
            </button>
          )}
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Run this draft for real in the sandbox?"
        description="Every step runs against Tollgate's built-in Stripe sandbox: refunds and updates are made there and emails go to the outbox. Nothing reaches real Stripe."
        confirmLabel="Run in the sandbox"
        pendingLabel="Running…"
        pending={preview.isPending}
        error={preview.variables?.effects === 'sandbox' ? preview.error : null}
        onConfirm={() => run('sandbox')}
        onClose={() => setConfirming(false)}
      />
      {preview.isError && !confirming && <SimulationError error={preview.error} invalidTitle="The draft cannot run yet:" />}
      {preview.isSuccess && (
        <>
          {ranOn !== definition && <p className="notice small">The draft changed since this preview: run it again to see the change.</p>}
          {preview.variables.effects === 'sandbox' && <p className="notice small">This run ran for real in the sandbox.</p>}
          <PreviewResult preview={preview.data} condition={trigger.when} />
        </>
      )}
    </section>
  );
}

function previewRequest(definition: Record<string, unknown>, trigger: DraftTrigger, options: PreviewOptions, effects: 'simulated' | 'sandbox'): PreviewRequest | { field: 'json' | 'input' | 'event'; message: string } {
  const request: PreviewRequest = { definition, live_reads: options.liveReads, approval: options.approval, effects };
  if (trigger.type === 'event') {
    const { choice } = options;
    if (choice.source === 'stored') {
      if (choice.eventId === '') return { field: 'event', message: 'Choose a past event to run the preview on.' };
      request.event_id = choice.eventId;
    } else if (choice.source === 'sample' && choice.sample !== null && trigger.eventTypes.includes(choice.sample.type)) {
      // An edited sample runs as given; untouched, the server generates it with the objects behind it.
      const edited = editedSampleEvent(choice.sample);
      if ('error' in edited) return { field: 'json', message: edited.error };
      request.event = edited.event;
    } else if (choice.source === 'json') {
      const parsed = parseEventJson(choice.json);
      if ('error' in parsed) return { field: 'json', message: parsed.error };
      request.event = parsed.event;
    }
  } else if (trigger.type === 'manual' || trigger.type === 'form') {
    let input: unknown;
    try {
      input = JSON.parse(options.input.trim() === '' ? '{}' : options.input);
    } catch (error) {
      return { field: 'input', message: `This is not JSON: ${error instanceof Error ? error.message : String(error)}` };
    }
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return { field: 'input', message: 'The input is a JSON object of the trigger\'s fields, e.g. {"amount": 12.5}.' };
    request.input = input as Record<string, unknown>;
  }
  return request;
}
