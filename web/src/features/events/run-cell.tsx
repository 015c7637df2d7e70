import { Link } from '@tanstack/react-router';

/** A message table's Run cell: the run that sent or received it, or a dash. */
export function RunCell({ run }: { run: string | null }) {
  return run === null ? (
    <span className="muted">—</span>
  ) : (
    <Link to="/runs/$id" params={{ id: run }} className="mono small">
      {run}
    </Link>
  );
}

/** A message page's Run line: the run, and the step that sent or kept the message. */
export function RunLine({ run, stepPath }: { run: string | null; stepPath: string | null }) {
  if (run === null) return null;
  return (
    <>
      <dt>Run</dt>
      <dd>
        <Link to="/runs/$id" params={{ id: run }} className="mono">
          {run}
        </Link>
        {stepPath !== null && <span className="muted"> at step {stepPath}</span>}
      </dd>
    </>
  );
}
