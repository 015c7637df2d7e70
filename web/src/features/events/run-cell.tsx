import { Link } from '@tanstack/react-router';
import { stepName, titledStepName, useLoadedStepTitles } from '../runs/step-titles.ts';

/**
 * A message table's Run cell: a link to the run that sent or received it, named by its workflow's title
 * when the list gives it (the outbox, the webhook inbox), else by the run's id; a dash without a run.
 */
export function RunCell({ run, workflowTitle = null }: { run: string | null; workflowTitle?: string | null }) {
  if (run === null) return <span className="muted">—</span>;
  if (workflowTitle === null) {
    return (
      <Link to="/runs/$id" params={{ id: run }} className="mono small">
        {run}
      </Link>
    );
  }
  return (
    <Link to="/runs/$id" params={{ id: run }} title={`Run ${run}`}>
      {workflowTitle}
    </Link>
  );
}

/** What a message page knows of the run that sent or kept the message: the workflow's id and title, and the run's version. */
interface RunLineProps {
  run: string | null;
  workflow: string | null;
  workflowTitle: string | null;
  version: number | null;
  stepPath: string | null;
}

/**
 * A message page's Run line: the run (by its workflow's title when known, with its id), and the step that sent or kept
 * the message, by its title when the page knows the run's version (`version`), else by its id in words.
 */
export function RunLine({ run, workflow, workflowTitle, version, stepPath }: RunLineProps) {
  if (run === null) return null;
  return (
    <>
      <dt>Run</dt>
      <dd>
        {workflowTitle === null ? (
          <Link to="/runs/$id" params={{ id: run }} className="mono">
            {run}
          </Link>
        ) : (
          <>
            <Link to="/runs/$id" params={{ id: run }}>
              {workflowTitle}
            </Link>{' '}
            <span className="muted mono small">{run}</span>
          </>
        )}
        {stepPath !== null &&
          (workflow === null || version === null ? (
            <StepWords name={titledStepName(null, stepPath)} />
          ) : (
            <TitledStep workflow={workflow} version={version} stepPath={stepPath} />
          ))}
      </dd>
    </>
  );
}

/** The step by its title once the version's graph is in; nothing before, so its id in words never shows first. */
function TitledStep({ workflow, version, stepPath }: { workflow: string; version: number; stepPath: string }) {
  const titles = useLoadedStepTitles(workflow, version);
  return titles === undefined ? null : <StepWords name={stepName(titles, stepPath)} />;
}

function StepWords({ name }: { name: string }) {
  return <span className="muted"> at step “{name}”</span>;
}
