/**
 * core/tracing.ts over OpenTelemetry: spans batched and sent as OTLP/HTTP
 * (JSON) to `url` every second, under the service name `serviceName`. The
 * exporter also reads the standard OTEL_EXPORTER_OTLP_HEADERS (a collector's
 * API key, say), _TIMEOUT, _COMPRESSION and certificate variables. Loaded only
 * when traces are configured: a process without them loads none of this.
 */
import { ROOT_CONTEXT, SpanKind as OtelSpanKind, SpanStatusCode, trace, type Context, type Span, type Tracer } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, AlwaysOnSampler, BatchSpanProcessor, ParentBasedSampler, TraceIdRatioBasedSampler, TracerProvider, type Sampler } from '@opentelemetry/sdk-trace';
import { TollgateError } from '../core/errors.ts';
import type { OpenSpan, SpanAttributes, SpanKind, Tracing } from '../core/tracing.ts';
import type { TraceSettings } from './config.ts';
import { packageVersion } from './package-version.ts';

const KINDS: Record<SpanKind, OtelSpanKind> = { internal: OtelSpanKind.INTERNAL, server: OtelSpanKind.SERVER, client: OtelSpanKind.CLIENT };
const propagator = new W3CTraceContextPropagator();

export function openTelemetryTracing(options: TraceSettings): Tracing {
  const version = packageVersion();
  const provider = new TracerProvider({
    resource: resourceFromAttributes({ 'service.name': options.serviceName, 'service.version': version }),
    sampler: samplerOf(options),
    spanProcessors: [new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: options.url }), scheduledDelayMillis: 1000 })],
  });
  const tracer = provider.getTracer('tollgate', version);
  const parentOf = (traceparent: string | undefined): Context =>
    traceparent === undefined ? ROOT_CONTEXT : propagator.extract(ROOT_CONTEXT, { traceparent }, { get: (carrier: { traceparent: string }, key) => (key === 'traceparent' ? carrier.traceparent : undefined), keys: () => ['traceparent'] });
  const open = (name: string, attributes: SpanAttributes, options: { kind?: SpanKind; traceparent?: string | undefined } = {}) =>
    wrap(tracer, tracer.startSpan(name, { kind: KINDS[options.kind ?? 'internal'], attributes: defined(attributes), root: options.traceparent === undefined }, parentOf(options.traceparent)));
  return {
    enabled: true,
    open,
    span: (name, attributes, work, options) => around(open(name, attributes, options), work),
    shutdown: () => provider.shutdown(),
  };
}

function wrap(tracer: Tracer, span: Span): OpenSpan {
  const self: OpenSpan = {
    set: (attributes) => void span.setAttributes(defined(attributes)),
    rename: (name) => void span.updateName(name),
    fail: (error) => {
      const { code, message } = described(error);
      span.setStatus({ code: SpanStatusCode.ERROR, message });
      if (code !== undefined) span.setAttribute('error.type', code);
      if (error instanceof Error) span.recordException(error);
    },
    traceparent: () => {
      const carrier: { traceparent?: string } = {};
      propagator.inject(trace.setSpan(ROOT_CONTEXT, span), carrier, {
        set: (target: { traceparent?: string }, key, value) => {
          if (key === 'traceparent') target.traceparent = value;
        },
      });
      return carrier.traceparent;
    },
    child: (name, attributes, work, kind = 'internal') =>
      around(wrap(tracer, tracer.startSpan(name, { kind: KINDS[kind], attributes: defined(attributes) }, trace.setSpan(ROOT_CONTEXT, span))), work),
    end: () => span.end(),
  };
  return self;
}

async function around<T>(span: OpenSpan, work: (span: OpenSpan) => Promise<T>): Promise<T> {
  try {
    return await work(span);
  } catch (error) {
    span.fail(error);
    throw error;
  } finally {
    span.end();
  }
}

/** An error's code and message: a thrown error's, or a journal's error record ({ code, message }). */
function described(error: unknown): { code: string | undefined; message: string } {
  if (error instanceof TollgateError) return { code: error.code, message: error.message };
  if (typeof error === 'object' && error !== null) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    return { code: typeof code === 'string' ? code : undefined, message: typeof message === 'string' ? message : 'failed' };
  }
  return { code: undefined, message: String(error) };
}

function defined(attributes: SpanAttributes): Record<string, string | number | boolean> {
  const kept: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) kept[key] = value;
  return kept;
}

/** OTEL_TRACES_SAMPLER and its argument, as OpenTelemetry defines them. */
function samplerOf(settings: Pick<TraceSettings, 'sampler' | 'ratio'>): Sampler {
  const root = (kind: 'always_on' | 'always_off' | 'traceidratio'): Sampler =>
    kind === 'always_on' ? new AlwaysOnSampler() : kind === 'always_off' ? new AlwaysOffSampler() : new TraceIdRatioBasedSampler(settings.ratio);
  switch (settings.sampler) {
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: root('always_on') });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: root('always_off') });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: root('traceidratio') });
    default:
      return root(settings.sampler);
  }
}
