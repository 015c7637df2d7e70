import type { Config } from '../system/config.ts';

/** The banner's line saying where traces go, when a collector is named, and which are kept when not all. */
export function tracesLines(config: Pick<Config, 'traces'>): string[] {
  const traces = config.traces;
  if (traces === undefined) return [];
  const kept = traces.sampler === 'parentbased_always_on' ? '' : `, sampler ${traces.sampler}${traces.sampler.endsWith('traceidratio') ? ` ${traces.ratio}` : ''}`;
  return [`  traces     ${traces.url} (OpenTelemetry, service ${traces.serviceName}${kept})`];
}
