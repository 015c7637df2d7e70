import { useState } from 'react';
import type { VersionSummary } from '../../../api/types.ts';
import { MAX_LAST, WINDOW_KINDS, windowRequest, type WindowChoice } from './backtest-window.ts';
import type { Approval, BacktestRequest } from './simulation-types.ts';

/** Which definition a backtest replays: the saved draft, or a published version. */
export type Subject = { kind: 'draft' } | { kind: 'version'; version: number };

export interface BacktestFormProps {
  subject: Subject;
  onSubject: (subject: Subject) => void;
  versions: VersionSummary[];
  active: number | null;
  pending: boolean;
  /** Called with the request's options (without the definition, which the page adds). */
  onRun: (options: Omit<BacktestRequest, 'definition'>) => void;
}

/** What to backtest, over which events, and how reads and approvals behave. */
export function BacktestForm({ subject, onSubject, versions, active, pending, onRun }: BacktestFormProps) {
  const [eventWindow, setEventWindow] = useState<WindowChoice>({ kind: '30d', since: '', until: '', last: '100' });
  const [liveReads, setLiveReads] = useState(false);
  const [approval, setApproval] = useState<Approval>('approve');
  const [problem, setProblem] = useState<{ field: 'since' | 'until' | 'last'; message: string } | null>(null);
  const errorOf = (field: 'since' | 'until' | 'last') => (problem?.field === field ? problem.message : null);
  return (
    <form
      className="card backtest-form"
      noValidate
      aria-labelledby="backtest-form-title"
      onSubmit={(submit) => {
        submit.preventDefault();
        const range = windowRequest(eventWindow);
        if ('field' in range) {
          setProblem(range);
          return;
        }
        setProblem(null);
        onRun({ ...range, live_reads: liveReads, approval });
      }}
    >
      <h2 id="backtest-form-title">Replay stored events</h2>
      <label className="field">
        <span>Definition</span>
        <select
          value={subject.kind === 'draft' ? 'draft' : String(subject.version)}
          onChange={(change) => onSubject(change.target.value === 'draft' ? { kind: 'draft' } : { kind: 'version', version: Number(change.target.value) })}
        >
          <option value="draft">The draft (unpublished changes)</option>
          {versions.map((version) => (
            <option key={version.version} value={version.version}>
              Version {version.version}
              {version.version === active ? ' (active)' : ''}
              {version.annotation === null ? '' : ` — ${version.annotation}`}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="fieldset field">
        <legend>Events</legend>
        <div className="segmented" role="radiogroup" aria-label="Events">
          {WINDOW_KINDS.map((kind) => (
            <label key={kind.value} className={eventWindow.kind === kind.value ? 'segment active' : 'segment'}>
              <input type="radio" name="backtest-eventWindow" value={kind.value} checked={eventWindow.kind === kind.value} onChange={() => setEventWindow({ ...eventWindow, kind: kind.value })} />
              {kind.label}
            </label>
          ))}
        </div>
      </fieldset>
      {eventWindow.kind === 'custom' && (
        <div className="grid grid-2">
          <DateField label="From" value={eventWindow.since} error={errorOf('since')} onChange={(since) => setEventWindow({ ...eventWindow, since })} />
          <DateField label="Until (empty: now)" value={eventWindow.until} error={errorOf('until')} onChange={(until) => setEventWindow({ ...eventWindow, until })} />
        </div>
      )}
      {eventWindow.kind === 'last' && (
        <label className="field backtest-last">
          <span>Number of events</span>
          <input type="number" min={1} max={MAX_LAST} step={1} value={eventWindow.last} onChange={(change) => setEventWindow({ ...eventWindow, last: change.target.value })} aria-invalid={errorOf('last') === null ? undefined : true} />
          {errorOf('last') !== null && <span className="field-error">{errorOf('last')}</span>}
        </label>
      )}
      <label className="check">
        <input type="checkbox" checked={liveReads} onChange={(change) => setLiveReads(change.target.checked)} aria-describedby="backtest-live-hint" />
        Live reads
      </label>
      <p className="hint small muted" id="backtest-live-hint">
        Reads, such as retrieving a charge, go to Stripe for real, so amounts and states are the real ones; nothing is ever written. Unticked, reads answer sample data.
      </p>
      <fieldset className="fieldset field">
        <legend>Approval steps</legend>
        <div className="row">
          {(['approve', 'reject'] as const).map((decision) => (
            <label key={decision} className="check">
              <input type="radio" name="backtest-approval" value={decision} checked={approval === decision} onChange={() => setApproval(decision)} />
              {decision === 'approve' ? 'Approved' : 'Rejected'}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button primary" disabled={pending}>
          {pending ? 'Starting…' : 'Run backtest'}
        </button>
      </div>
    </form>
  );
}

function DateField({ label, value, error, onChange }: { label: string; value: string; error: string | null; onChange: (value: string) => void }) {
  return (
    <label className="field">
      <span>{label}</span>
      <input type="datetime-local" value={value} onChange={(change) => onChange(change.target.value)} aria-invalid={error === null ? undefined : true} />
      {error !== null && <span className="field-error">{error}</span>}
    </label>
  );
}
