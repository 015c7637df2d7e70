import { effectCount, effectMoney } from './effect-words.ts';
import type { Effect } from './simulation-types.ts';

/** The side effects a run (or a backtest) would have, counted, with the money each would move. */
export function EffectList({ effects, empty = 'No side effects: nothing would be written, sent or paid.' }: { effects: Effect[]; empty?: string }) {
  if (effects.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="effect-list" aria-label="What it would do">
      {effects.map((effect) => {
        const money = effectMoney(effect);
        return (
          <li key={`${effect.operation}|${effect.label}`} className={money === null ? 'effect' : 'effect money'}>
            <span className="effect-count">{effectCount(effect)}</span>
            {money !== null && <strong className="effect-money">{money}</strong>}
            <span className="small muted mono">{effect.operation}</span>
          </li>
        );
      })}
    </ul>
  );
}
