import { useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../../api/api-client.ts';
import type { RunStatsAnswer } from '../../api/types.ts';
import { Empty, ErrorState, Loading } from '../../ui/states.tsx';
import { RUN_COLORS as COLORS } from './run-colors.ts';
import { RunsOverTime } from './runs-over-time.tsx';

const DAYS = 7;

/** Runs started, succeeded and failed over time and per workflow (GET /stats/runs, the last 7 days). */
export function RunCharts() {
  const stats = useQuery({
    queryKey: ['stats', 'runs', DAYS],
    queryFn: ({ signal }) => api<RunStatsAnswer>('GET', '/stats/runs', { query: { days: DAYS }, signal }),
    staleTime: 60_000,
  });
  if (stats.isPending) return <Loading label="Loading charts…" />;
  if (stats.isError) return <ErrorState error={stats.error} retry={() => void stats.refetch()} />;
  const { hours, workflows } = stats.data;
  const perWorkflow = workflows.map((workflow) => ({
    name: workflow.title ?? workflow.workflow,
    succeeded: workflow.succeeded,
    failed: workflow.failed,
    other: workflow.started - workflow.succeeded - workflow.failed,
  }));
  return (
    <div className="grid grid-2 home-charts">
      <RunsOverTime hours={hours} />
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
