import { Link } from '@tanstack/react-router';
import type { RunStatsAnswer } from '../../api/types.ts';
import { Empty } from '../../ui/states.tsx';
import { RUN_COLORS as COLORS } from './run-colors.ts';

type WorkflowCounts = RunStatsAnswer['workflows'][number];

/**
 * Runs per workflow as one bar each under the workflow's whole title (wrapping when long, never cut),
 * its counts in words beside it; the bars share one scale, the busiest workflow's runs.
 */
export function RunsPerWorkflow({ workflows, days }: { workflows: readonly WorkflowCounts[]; days: number }) {
  const most = Math.max(1, ...workflows.map((workflow) => workflow.started));
  return (
    <section className="card" aria-labelledby="chart-workflows">
      <h2 id="chart-workflows">Runs per workflow, last {days} days</h2>
      {workflows.length === 0 ? (
        <Empty title={`No workflow ran in the last ${days} days.`} />
      ) : (
        <>
          <ul className="workflow-bars">
            {workflows.map((workflow) => {
              const other = workflow.started - workflow.succeeded - workflow.failed;
              return (
                <li key={workflow.workflow}>
                  <div className="workflow-bar-head">
                    <Link to="/runs" search={{ workflow: workflow.workflow }} className="workflow-bar-name">
                      {workflow.title ?? workflow.workflow}
                    </Link>
                    <span className="muted small">
                      {workflow.started} started · {workflow.succeeded} succeeded · {workflow.failed} failed
                    </span>
                  </div>
                  <div className="workflow-bar" aria-hidden="true" style={{ width: `${(workflow.started / most) * 100}%` }}>
                    {workflow.succeeded > 0 && <span style={{ flexGrow: workflow.succeeded, background: COLORS.succeeded }} />}
                    {workflow.failed > 0 && <span style={{ flexGrow: workflow.failed, background: COLORS.failed }} />}
                    {other > 0 && <span style={{ flexGrow: other, background: COLORS.other }} />}
                  </div>
                </li>
              );
            })}
          </ul>
          <ul className="graph-legend" aria-hidden="true">
            <li>
              <span className="legend-swatch" style={{ background: COLORS.succeeded }} /> Succeeded
            </li>
            <li>
              <span className="legend-swatch" style={{ background: COLORS.failed }} /> Failed
            </li>
            <li>
              <span className="legend-swatch" style={{ background: COLORS.other }} /> Running, waiting or cancelled
            </li>
          </ul>
        </>
      )}
    </section>
  );
}
