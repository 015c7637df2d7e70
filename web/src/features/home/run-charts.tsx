import { useQuery } from '@tanstack/react-query';
import { api } from '../../api/api-client.ts';
import type { RunStatsAnswer } from '../../api/types.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { RunsPerWorkflow } from './runs-per-workflow.tsx';
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
  return (
    <div className="grid grid-2 home-charts">
      <RunsOverTime hours={hours} />
      <RunsPerWorkflow workflows={workflows} days={DAYS} />
    </div>
  );
}
