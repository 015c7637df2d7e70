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
