import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { appRoute } from '../../../layout/root-route.tsx';

/**
 * `?draft=1` backtests the workflow's saved draft (the builder links so), `?version=N` a published
 * version; `?backtest=` is the backtest shown, with the `live`/`approval` it ran with (for its drill-down).
 */
export interface BacktestSearch {
  draft?: boolean;
  version?: number;
  backtest?: string;
  live?: boolean;
  approval?: 'reject';
}

export function backtestSearch(search: Record<string, unknown>): BacktestSearch {
  const version = Number(search.version);
  const flag = (value: unknown) => value === true || value === 1 || value === '1' || value === 'true';
  return {
    ...(flag(search.draft) ? { draft: true } : {}),
    ...(Number.isSafeInteger(version) && version > 0 ? { version } : {}),
    ...(typeof search.backtest === 'string' && search.backtest !== '' ? { backtest: search.backtest } : {}),
    ...(flag(search.live) ? { live: true } : {}),
    ...(search.approval === 'reject' ? { approval: 'reject' as const } : {}),
  };
}

const backtestRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/workflows/$id/backtest',
  validateSearch: backtestSearch,
  component: lazyRouteComponent(() => import('./backtest-page.tsx'), 'BacktestPage'),
});

export const previewRoutes = [backtestRoute];
