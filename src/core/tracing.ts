/**
 * Traces, as the engine and the server see them: spans around work, with
 * attributes, that fail when the work throws. system/opentelemetry-tracing.ts
 * exports them over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise
 * NO_TRACING runs the work and records nothing. Parents are passed, not found
 * in an async context: a step's span is the root of its own trace, and what
 * it calls out to are its children.
 */

export type SpanAttributes = Record<string, string | number | boolean | undefined>;

export type SpanKind = 'internal' | 'server' | 'client';

export interface TraceSpan {
  set(attributes: SpanAttributes): void;
  rename(name: string): void;
  /** Marks the span failed with this error, or a journal's error record: its code (as error.type), when it has one, and message. */
  fail(error: unknown): void;
  /** The W3C `traceparent` header for a call made within this span (receivers continue the trace); undefined when traces are off. */
  traceparent(): string | undefined;
  /** A span under this one around `work`, ended when `work` settles and failed when it throws. */
  child<T>(name: string, attributes: SpanAttributes, work: (span: TraceSpan) => Promise<T>, kind?: SpanKind): Promise<T>;
}

/** A span its owner ends (an HTTP request's, from its first hook to its last). */
export interface OpenSpan extends TraceSpan {
  end(): void;
}

export interface Tracing {
  /** False for NO_TRACING: callers may skip building attributes or installing hooks. */
  readonly enabled: boolean;
  /** A root span around `work` (or under `traceparent`, a W3C header sent to us), ended when `work` settles, failed when it throws. */
  span<T>(name: string, attributes: SpanAttributes, work: (span: TraceSpan) => Promise<T>, options?: { kind?: SpanKind; traceparent?: string | undefined }): Promise<T>;
  /** A root span (or one under `traceparent`) that the caller ends. */
  open(name: string, attributes: SpanAttributes, options?: { kind?: SpanKind; traceparent?: string | undefined }): OpenSpan;
  /** Sends the spans not yet exported (a graceful stop). */
  shutdown(): Promise<void>;
}

const NO_SPAN: OpenSpan = {
  set: () => undefined,
  rename: () => undefined,
  fail: () => undefined,
  traceparent: () => undefined,
  child: (_name, _attributes, work) => work(NO_SPAN),
  end: () => undefined,
};

export const NO_TRACING: Tracing = {
  enabled: false,
  span: (_name, _attributes, work) => work(NO_SPAN),
  open: () => NO_SPAN,
  shutdown: () => Promise.resolve(),
};
