import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { User } from '../../api/types.ts';
import { formatDateTime, formatRelative } from '../../ui/time.ts';

/** Whether too many failed logins lock the user's account now (a lock that ran out is none). */
export function isLocked(user: User, now: number = Date.now()): user is User & { locked_until: string } {
  return user.locked_until !== null && new Date(user.locked_until).getTime() > now;
}

/** The Status column's badge for a locked account, with when the lock ends by itself. */
export function LockedBadge({ lockedUntil }: { lockedUntil: string }) {
  return (
    <span className="stacked-cell" title={`Too many failed logins; the lock ends ${formatDateTime(lockedUntil)}`}>
      <span className="badge warn">Locked</span>
      <span className="muted small">{formatRelative(lockedUntil).replace(/^in /, 'for ')}</span>
    </span>
  );
}

/**
 * Unlocks a locked-out user's login at once (their failed logins start over), as `tollgate users unlock` does;
 * `onUnlocked` is told, to say so where the list is. The users list is asked again.
 */
export function UnlockButton({ user, queryKey, onUnlocked }: { user: User; queryKey: readonly unknown[]; onUnlocked: (email: string) => void }) {
  const queries = useQueryClient();
  const unlock = useMutation({
    mutationFn: () => api<{ user: User }>('POST', `/users/${encodeURIComponent(user.id)}/unlock`),
    onSuccess: async (answer) => {
      onUnlocked(answer.user.email);
      await queries.invalidateQueries({ queryKey });
    },
  });
  return (
    <>
      <button type="button" className="button" disabled={unlock.isPending} onClick={() => unlock.mutate()}>
        {unlock.isPending ? 'Unlocking…' : 'Unlock'}
        <span className="visually-hidden"> {user.email}</span>
      </button>
      {unlock.isError && (
        <p className="field-error" role="alert">
          {asApiError(unlock.error).message}
        </p>
      )}
    </>
  );
}
