import { useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { RunStatsAnswer } from '../../api/types.ts';
import { Empty } from '../../ui/states.tsx';
import { RUN_COLORS } from './run-colors.ts';

type HourCounts = RunStatsAnswer['hours'][number];

/** One bar: the runs started in an hour or a day, stacked by how they went. */
interface Bucket {
  /** Under the bar: "14:00" or "Fri 4". */
  tick: string;
  /** In the tooltip: "Fri 14:00" or "Friday 4 December". */
  title: string;
  started: number;
  succeeded: number;
  failed: number;
  other: number;
}

const SPANS = {
  day: { choice: 'Last 24 hours', heading: 'Runs per hour, last 24 hours' },
  week: { choice: 'Last 7 days', heading: 'Runs per day, last 7 days' },
} as const;
type Span = keyof typeof SPANS;

const hourTick = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });
const hourTitle = new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const dayTick = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric' });
const dayTitle = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long' });

/**
 * Runs started per hour over the last 24 hours, or per day over the last 7, from the stats' hourly counts
 * (GET /stats/runs, 7 days): wide bars either way, where 168 hourly bars would each be a hairline.
 */
export function RunsOverTime({ hours }: { hours: readonly HourCounts[] }) {
  const [span, setSpan] = useState<Span>('day');
  const buckets = span === 'day' ? lastDayByHour(hours) : lastWeekByDay(hours);
  const total = buckets.reduce((sum, bucket) => ({ started: sum.started + bucket.started, succeeded: sum.succeeded + bucket.succeeded, failed: sum.failed + bucket.failed }), { started: 0, succeeded: 0, failed: 0 });
  const { heading } = SPANS[span];
  return (
    <section className="card" aria-labelledby="chart-over-time">
      <div className="panel-head">
        <h2 id="chart-over-time">{heading}</h2>
        <div className="segmented" role="radiogroup" aria-label="Period">
          {(Object.keys(SPANS) as Span[]).map((value) => (
            <label key={value} className={span === value ? 'segment active' : 'segment'}>
              <input type="radio" name="runs-over-time" value={value} checked={span === value} onChange={() => setSpan(value)} />
              {SPANS[value].choice}
            </label>
          ))}
        </div>
      </div>
      <p className="chart-summary">
        <strong>{total.started}</strong> started · <strong className="good-text">{total.succeeded}</strong> succeeded · <strong className="bad-text">{total.failed}</strong> failed
      </p>
      {total.started === 0 ? (
        <Empty title={span === 'day' ? 'No runs in the last 24 hours.' : 'No runs in the last 7 days.'} />
      ) : (
        <div className="chart" role="img" aria-label={`${heading}: ${total.started} started, ${total.succeeded} succeeded, ${total.failed} failed`}>
          <ResponsiveContainer width="100%" height={240}>
            <BarChart data={buckets} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barCategoryGap={span === 'day' ? 2 : '20%'}>
              <CartesianGrid stroke="#eef0f3" vertical={false} />
              <XAxis dataKey="tick" fontSize={12} tickLine={false} />
              <YAxis allowDecimals={false} fontSize={12} />
              <Tooltip labelFormatter={(_tick, payload) => (payload[0]?.payload as Bucket | undefined)?.title ?? ''} />
              <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
              <Bar dataKey="succeeded" name="Succeeded" stackId="runs" fill={RUN_COLORS.succeeded} isAnimationActive={false} />
              <Bar dataKey="failed" name="Failed" stackId="runs" fill={RUN_COLORS.failed} isAnimationActive={false} />
              <Bar dataKey="other" name="Running, waiting or cancelled" stackId="runs" fill={RUN_COLORS.other} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      )}
    </section>
  );
}

/** The last 24 hours, the current one last: one bucket each. */
function lastDayByHour(hours: readonly HourCounts[]): Bucket[] {
  return hours.slice(-24).map((hour) => {
    const at = Date.parse(hour.hour);
    return { tick: hourTick.format(at), title: hourTitle.format(at), ...counts(hour) };
  });
}

/** Today and the six days before it, in the browser's time zone: one bucket a day, days without runs included. */
function lastWeekByDay(hours: readonly HourCounts[]): Bucket[] {
  const days = new Map<string, Bucket>();
  const today = new Date();
  for (let back = 6; back >= 0; back -= 1) {
    const day = new Date(today.getFullYear(), today.getMonth(), today.getDate() - back);
    days.set(day.toDateString(), { tick: dayTick.format(day), title: dayTitle.format(day), started: 0, succeeded: 0, failed: 0, other: 0 });
  }
  for (const hour of hours) {
    const bucket = days.get(new Date(hour.hour).toDateString());
    if (bucket === undefined) continue; // the part of the eighth day the 7 × 24 hours reach back into
    const add = counts(hour);
    bucket.started += add.started;
    bucket.succeeded += add.succeeded;
    bucket.failed += add.failed;
    bucket.other += add.other;
  }
  return [...days.values()];
}

function counts(hour: HourCounts): Pick<Bucket, 'started' | 'succeeded' | 'failed' | 'other'> {
  return { started: hour.started, succeeded: hour.succeeded, failed: hour.failed, other: hour.started - hour.succeeded - hour.failed };
}
