import type { Config } from '../system/config.ts';

/** The banner's line saying where traces go, when a collector is named. */
export function tracesLines(config: Pick<Config, 'traces'>): string[] {
  return config.traces === undefined ? [] : [`  traces     ${config.traces.url} (OpenTelemetry, service ${config.traces.serviceName})`];
}
