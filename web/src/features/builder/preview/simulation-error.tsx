import { asApiError } from '../../../api/api-error.ts';

/** A preview or backtest the API refused: its message and code, and for an invalid definition each issue where it is. */
export function SimulationError({ error, invalidTitle }: { error: unknown; invalidTitle: string }) {
  const apiError = asApiError(error);
  return (
    <div className="form-error" role="alert">
      <p className="simulation-error-title">
        {apiError.code === 'definition_invalid' ? invalidTitle : apiError.message} <code>{apiError.code}</code>
      </p>
      {apiError.issues.length > 0 && (
        <ul className="plain-list">
          {apiError.issues.map((issue) => (
            <li key={`${issue.path}|${issue.message}`}>
              <span className="mono">{issue.path || '(the workflow)'}</span>: {issue.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
