import { Link, type ErrorComponentProps } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { asApiError } from '../api/api-error.ts';

/** While data loads. */
export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      {label}
    </div>
  );
}

/** Nothing to show, and what would make something appear. */
export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state empty">
      <p className="state-title">{title}</p>
      {children !== undefined && <div className="state-detail">{children}</div>}
    </div>
  );
}

/** An error in words: the API's message and code, never a stack. */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const apiError = asApiError(error);
  return (
    <div className="state error" role="alert">
      <p className="state-title">{apiError.status === 403 ? 'You do not have access to this.' : apiError.status === 404 ? 'Not found.' : 'Something went wrong.'}</p>
      <p className="state-detail">
        {apiError.message} <code>{apiError.code}</code>
      </p>
      {retry !== undefined && (
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

/** A route that failed to load. */
export function RouteError({ error, reset }: ErrorComponentProps) {
  return <ErrorState error={error} retry={reset} />;
}

export function NotFound() {
  return (
    <div className="state empty">
      <p className="state-title">This page does not exist.</p>
      <Link to="/">Go home</Link>
    </div>
  );
}
