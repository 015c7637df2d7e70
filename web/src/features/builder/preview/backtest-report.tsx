import { formatAmount } from '../../../../../src/expression/money.ts';
import { StatusBadge } from '../../../ui/status-badge.tsx';
import { EffectList } from './effect-list.tsx';
import type { Backtest, Effect } from './simulation-types.ts';

type Report = NonNullable<Backtest['report']>;

/** A finished backtest: the summary sentence, how many runs would start, how they would end and the money they would move. */
export function BacktestReport({ report }: { report: Report }) {
  const money = moneyByCurrency(report.effects);
  const unknown = report.effects.reduce((sum, effect) => sum + effect.unknown_amounts, 0);
  return (
    <section className="card backtest-report stack" aria-labelledby="backtest-report-title">
      <h2 id="backtest-report-title">Report</h2>
      <p className="backtest-summary">{report.summary}</p>
      <div className="backtest-stats">
        <Stat label="Events replayed" value={report.events.toLocaleString('en-US')} />
        <Stat label="Runs that would start" value={report.runs.toLocaleString('en-US')} />
        <Stat
          label="Money it would move"
          value={money.length === 0 ? 'None' : money.map((entry) => formatAmount(entry.amount, entry.currency)).join(' · ')}
          note={unknown > 0 ? `and ${unknown} call${unknown === 1 ? '' : 's'} of unknown amount` : undefined}
        />
      </div>
      <div className="grid grid-2">
        <div>
          <h3>How the runs would end</h3>
          <OutcomeBars outcomes={report.outcomes} runs={report.runs} />
        </div>
        <div>
          <h3>What they would do</h3>
          <EffectList effects={report.effects} empty="No side effects: nothing would be written, sent or paid." />
        </div>
      </div>
    </section>
  );
}

function Stat({ label, value, note }: { label: string; value: string; note?: string | undefined }) {
  return (
    <div className="backtest-stat" role="group" aria-label={label}>
      <span className="muted small">{label}</span>
      <strong className="stat">{value}</strong>
      {note !== undefined && <span className="muted small">{note}</span>}
    </div>
  );
}

function OutcomeBars({ outcomes, runs }: { outcomes: Report['outcomes']; runs: number }) {
  if (outcomes.length === 0) return <p className="muted">No run would start: the trigger's condition held for none of these events.</p>;
  return (
    <table className="outcome-bars">
      <caption className="visually-hidden">Runs by how they would end</caption>
      <tbody>
        {outcomes.map((outcome) => (
          <tr key={`${outcome.status}|${outcome.outcome ?? ''}`}>
            <th scope="row">
              <StatusBadge status={outcome.status} />
              {outcome.outcome !== null && <span className="mono small"> {outcome.outcome}</span>}
            </th>
            <td className="outcome-bar-cell">
              <progress className={`outcome-bar tone-${outcome.status}`} max={Math.max(runs, 1)} value={outcome.count} aria-hidden="true" />
            </td>
            <td className="outcome-count">{outcome.count.toLocaleString('en-US')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The money of every effect, added up per currency, largest first. */
export function moneyByCurrency(effects: Effect[]): { currency: string; amount: number }[] {
  const totals = new Map<string, number>();
  for (const effect of effects) for (const entry of effect.money) totals.set(entry.currency, (totals.get(entry.currency) ?? 0) + entry.amount);
  return [...totals].map(([currency, amount]) => ({ currency, amount })).sort((a, b) => b.amount - a.amount);
}
