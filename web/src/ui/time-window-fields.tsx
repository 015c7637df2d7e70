import { useEffect, useState } from 'react';
import { WITHIN_CHOICES, parseWithin, windowStart, type Within } from '../../../src/core/relative-window.ts';
import { localTimeOf } from './time.ts';
import type { TimeWindow } from './time-window.ts';

interface TimeWindowFieldsProps {
  /** Prefix of the fields' ids, unique on the page (`runs-time`). */
  id: string;
  /** What the time is of, as the choice's label: `Started`, `Received`. */
  label: string;
  fromLabel: string;
  toLabel: string;
  value: TimeWindow;
  /** The whole window each time: unset keys are undefined, so the URL drops them. */
  onChange: (next: { within: Within | undefined; from: string | undefined; to: string | undefined }) => void;
  /** Why the custom times cannot both hold, shown at the second one. */
  rangeProblem?: string | undefined;
}

const CUSTOM = 'custom';

/**
 * A list's time filter: Any time, the last hour, 24 hours, 7 or 30 days (kept relative, `within=24h`), or Custom,
 * which shows the absolute from and before fields. Custom picked from a relative window starts at the time that
 * window starts now, so the list does not jump.
 */
export function TimeWindowFields({ id, label, fromLabel, toLabel, value, onChange, rangeProblem }: TimeWindowFieldsProps) {
  const { within, from, to } = value;
  // Custom picked before any time is typed: the URL holds nothing yet, so the fields' presence is kept here.
  const [customPicked, setCustomPicked] = useState(false);
  useEffect(() => {
    if (within !== undefined || (from === undefined && to === undefined)) setCustomPicked(false);
  }, [within, from, to]);
  const custom = within === undefined && (customPicked || from !== undefined || to !== undefined);
  const choose = (choice: string) => {
    if (choice === CUSTOM) {
      setCustomPicked(true);
      onChange({ within: undefined, from: within === undefined ? from : localTimeOf(windowStart(within, Date.now())), to });
    } else {
      onChange({ within: parseWithin(choice), from: undefined, to: undefined });
    }
  };
  return (
    <>
      <div className="field">
        {/* Not wrapped around the select: its name is the label alone, without the choices' text. */}
        <label htmlFor={`${id}-choice`}>{label}</label>
        <select id={`${id}-choice`} value={within ?? (custom ? CUSTOM : '')} onChange={(changed) => choose(changed.target.value)}>
          <option value="">Any time</option>
          {WITHIN_CHOICES.map((choice) => (
            <option key={choice.value} value={choice.value}>
              {choice.label}
            </option>
          ))}
          <option value={CUSTOM}>Custom</option>
        </select>
      </div>
      {custom && (
        <>
          <label className="field">
            <span>{fromLabel}</span>
            <input type="datetime-local" value={from ?? ''} onChange={(changed) => onChange({ within: undefined, from: changed.target.value, to })} />
          </label>
          <div className="field">
            <label htmlFor={`${id}-before`}>{toLabel}</label>
            <input
              id={`${id}-before`}
              type="datetime-local"
              value={to ?? ''}
              onChange={(changed) => onChange({ within: undefined, from, to: changed.target.value })}
              aria-invalid={rangeProblem !== undefined}
              aria-describedby={rangeProblem === undefined ? undefined : `${id}-range-error`}
            />
            {rangeProblem !== undefined && (
              <p className="field-error" id={`${id}-range-error`} role="alert">
                {rangeProblem}
              </p>
            )}
          </div>
        </>
      )}
    </>
  );
}
