/**
 * The preview and backtest API's requests and answers, inferred from the server's own zod schemas
 * (type-only imports, as in `api/types.ts`): one definition, so a renamed field breaks this typecheck.
 */
import type { z } from 'zod';
import type { backtestBody, backtestResponseSchema, backtestRunsResponseSchema, previewBody, previewResponseSchema } from '../../../../../src/server/simulation-schemas.ts';

type PreviewBody = z.input<typeof previewBody>;
type BacktestBody = z.input<typeof backtestBody>;

export type Preview = z.infer<typeof previewResponseSchema>['preview'];
export type PreviewRun = NonNullable<Preview['run']>;
export type PreviewStep = PreviewRun['steps'][number];
export type PreviewStepStatus = PreviewStep['status'];
export type Effect = PreviewRun['effects'][number];
export type Approval = NonNullable<PreviewBody['approval']>;
export type PreviewRequest = Omit<PreviewBody, 'definition'> & { definition: Record<string, unknown> };
export type Backtest = z.infer<typeof backtestResponseSchema>['backtest'];
export type BacktestWindow = Backtest['window'];
export type BacktestRequest = Omit<BacktestBody, 'definition'> & { definition: Record<string, unknown> };
export type BacktestRunPage = z.infer<typeof backtestRunsResponseSchema>;
export type BacktestRun = BacktestRunPage['runs'][number];
