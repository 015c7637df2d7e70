import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/api-client.ts';
import type { RunStatsAnswer } from '../../api/types.ts';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';

const DAYS = 7;
const COLORS = { succeeded: '#1a7f37', failed: '#c0262d', other: '#9aa3ad' };
const hourLabel = new Intl.DateTimeFormat('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit' });
const dayLabel = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric' });

/** Runs started, succeeded and failed per hour and per workflow over the last 7 days (GET /stats/runs). */
export function RunCharts() {
  const stats = useQuery({
    queryKey: ['stats', 'runs', DAYS],
    queryFn: ({ signal }) => api<RunStatsAnswer>('GET', '/stats/runs', { query: { days: DAYS }, signal }),
    staleTime: 60_000,
  });
  if (stats.isPending) return <Loading label="Loading charts…" />;
  if (stats.isError) return <ErrorState error={stats.error} retry={() => void stats.refetch()} />;
  const { hours, workflows } = stats.data;
  const total = hours.reduce((sum, hour) => ({ started: sum.started + hour.started, succeeded: sum.succeeded + hour.succeeded, failed: sum.failed + hour.failed }), { started: 0, succeeded: 0, failed: 0 });
  // Each hour's bar is the runs started in it: succeeded, failed and the rest stacked.
  const hourly = hours.map((hour) => ({ time: Date.parse(hour.hour), succeeded: hour.succeeded, failed: hour.failed, other: hour.started - hour.succeeded - hour.failed }));
  // One tick a day, at local midnight when the window has one.
  const ticks = hourly.filter((hour) => new Date(hour.time).getHours() === 0).map((hour) => hour.time);
  const perWorkflow = workflows.map((workflow) => ({
    name: workflow.title ?? workflow.workflow,
    succeeded: workflow.succeeded,
    failed: workflow.failed,
    other: workflow.started - workflow.succeeded - workflow.failed,
  }));
  return (
    <div className="grid grid-2 home-charts">
      <section className="card" aria-labelledby="chart-hourly">
        <h2 id="chart-hourly">Runs per hour, last 7 days</h2>
        <p className="chart-summary">
          <strong>{total.started}</strong> started · <strong className="good-text">{total.succeeded}</strong> succeeded · <strong className="bad-text">{total.failed}</strong> failed
        </p>
        {total.started === 0 ? (
          <Empty title="No runs in the last 7 days." />
        ) : (
          <div className="chart" role="img" aria-label={`Runs per hour over 7 days: ${total.started} started, ${total.succeeded} succeeded, ${total.failed} failed`}>
            <ResponsiveContainer width="100%" height={240}>
              <BarChart data={hourly} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} barCategoryGap={0}>
                <CartesianGrid stroke="#eef0f3" vertical={false} />
                <XAxis dataKey="time" type="number" scale="time" domain={['dataMin - 1800000', 'dataMax + 1800000']} ticks={ticks} tickFormatter={(time: number) => dayLabel.format(time)} fontSize={12} />
                <YAxis allowDecimals={false} fontSize={12} />
                <Tooltip labelFormatter={(time) => hourLabel.format(Number(time))} />
                <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
                <Bar dataKey="succeeded" name="Succeeded" stackId="runs" fill={COLORS.succeeded} isAnimationActive={false} />
                <Bar dataKey="failed" name="Failed" stackId="runs" fill={COLORS.failed} isAnimationActive={false} />
                <Bar dataKey="other" name="Running, waiting or cancelled" stackId="runs" fill={COLORS.other} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="chart-workflows">
        <h2 id="chart-workflows">Runs per workflow, last 7 days</h2>
        {perWorkflow.length === 0 ? (
          <Empty title="No workflow ran in the last 7 days." />
        ) : (
          <div className="chart" role="img" aria-label={`Runs per workflow over 7 days: ${workflows.map((workflow) => `${workflow.title ?? workflow.workflow} ${workflow.started} started, ${workflow.failed} failed`).join('; ')}`}>
            <ResponsiveContainer width="100%" height={Math.max(140, 36 * perWorkflow.length + 70)}>
              <BarChart data={perWorkflow} layout="vertical" margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                <CartesianGrid stroke="#eef0f3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} fontSize={12} />
                <YAxis type="category" dataKey="name" width={120} fontSize={12} tickFormatter={(name: string) => (name.length > 18 ? `${name.slice(0, 17)}…` : name)} />
                <Tooltip />
                <Legend wrapperStyle={{ fontSize: 13 }} itemSorter={null} />
                <Bar dataKey="succeeded" name="Succeeded" stackId="runs" fill={COLORS.succeeded} isAnimationActive={false} maxBarSize={28} />
                <Bar dataKey="failed" name="Failed" stackId="runs" fill={COLORS.failed} isAnimationActive={false} maxBarSize={28} />
                <Bar dataKey="other" name="Running, waiting or cancelled" stackId="runs" fill={COLORS.other} isAnimationActive={false} maxBarSize={28} />
              </BarChart>
            </ResponsiveContainer>
          </div>
        )}
      </section>
    </div>
  );
}
