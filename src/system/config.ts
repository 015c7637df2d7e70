/**
 * Every environment variable Tollgate reads, with its default and meaning.
 * Read once at start-up into one typed object; nothing else reads process.env
 * (connector secrets excepted: `{{ env.NAME }}` in a connector's config is
 * resolved at call time, so secrets never sit in the database). The CLI's client
 * commands read their few (CLIENT_ENVIRONMENT) through client-settings.ts alone.
 */
import { join } from 'node:path';
import { z } from 'zod';
import { isDuration, parseDuration } from '../core/duration.ts';
import { EMAIL_ADDRESS, EMAIL_ADDRESS_HINT } from '../core/email-address.ts';
import { InvalidInputError } from '../core/errors.ts';
import { CLIENT_ENVIRONMENT, DEFAULT_DATA_DIR, DEFAULT_SANDBOX_PORT, DEFAULT_SERVER_URL, isServerUrl, SANDBOX_URL_HINT, SERVER_URL_HINT, settingIssue } from './client-settings.ts';
import { DEFAULT_OUTBOUND_MAX_BYTES, outboundAllowProblems } from '../connectors/net/index.ts';
import type { ServerSecurity } from '../server/server-security.ts';
import { parseRateLimit, RATE_LIMIT_FORMAT, RATE_LIMIT_HINT } from './rate-limit-setting.ts';
import { describeDatabaseUrl } from '../store/database-url.ts';
import type { DatabaseOptions } from '../store/open-database.ts';

/** OpenTelemetry's samplers by their OTEL_TRACES_SAMPLER names. */
export const TRACE_SAMPLERS = ['parentbased_always_on', 'parentbased_always_off', 'parentbased_traceidratio', 'always_on', 'always_off', 'traceidratio'] as const;

export interface TraceSettings {
  url: string;
  serviceName: string;
  sampler: (typeof TRACE_SAMPLERS)[number];
  /** The share a traceidratio sampler keeps. */
  ratio: number;
}

/** The ceiling of a worker's concurrency when TOLLGATE_WORKER_CONCURRENCY is auto. */
export const AUTO_WORKER_CONCURRENCY = 256;

export const ENVIRONMENT = {
  DATABASE_URL: 'PostgreSQL URL (postgres://user:pass@host:5432/db). Unset: SQLite under the data directory.',
  TOLLGATE_DATABASE_CONNECT_TIMEOUT:
    'PostgreSQL: how long a new connection may take to be ready, a duration like 10s (default) or 1m. A start-up that cannot connect in time fails naming the host; later, a query that needs a new connection counts it as an outage and its work is retried. Waits for a free connection of a busy pool are not bounded by it',
  TOLLGATE_DATABASE_QUERY_TIMEOUT:
    'PostgreSQL: how long a query may wait for its answer, a duration like 30s (default) or 2m. A server or network path that stops answering (stopped, frozen, dropping packets) then fails the query as an outage, naming the host: its connection is closed, and the work is retried. Migrations are not bounded by it',
  TOLLGATE_DATA: CLIENT_ENVIRONMENT.TOLLGATE_DATA,
  TOLLGATE_HOST: 'Address the server listens on. Default 127.0.0.1',
  TOLLGATE_PORT: 'Port the server listens on. Default 8080',
  TOLLGATE_SERVER: CLIENT_ENVIRONMENT.TOLLGATE_SERVER,
  TOLLGATE_API_KEY: CLIENT_ENVIRONMENT.TOLLGATE_API_KEY,
  TOLLGATE_AUTH: 'required (default: every API route needs an API key or a session, and a role that allows it) or off (every request passes; trusted set-ups and tests only)',
  TOLLGATE_ADMIN_EMAIL: 'Email of the first admin `tollgate start` creates in a new database. Default admin@localhost',
  TOLLGATE_LOG_LEVEL: 'pino log level: fatal, error, warn, info, debug, trace, silent. Default info',
  TOLLGATE_WORKER_CONCURRENCY: `The most steps one worker runs at once: a number, or auto (default: ${AUTO_WORKER_CONCURRENCY}). Below it the worker sizes itself to the work`,
  TOLLGATE_WORKER_PORT:
    '`tollgate worker` (or its --port) answers GET /metrics (permission metrics.read, as on serve), /healthz and /readyz on this port, on TOLLGATE_HOST; 0 picks a free one. Unset (default): no HTTP listener',
  TOLLGATE_INTAKE_MAX_LAG:
    'How long new work may wait for a worker before webhook deliveries are answered 503 with Retry-After (senders retry; Stripe does): a duration like 5s, or off. Default 5s',
  TOLLGATE_SQLITE_SYNCHRONOUS: 'FULL (default: a commit survives power loss) or NORMAL',
  TOLLGATE_MEMORY:
    'How start, serve and worker trade memory for CPU: lean (default; the heap grows little past what is live, so garbage made under load is collected sooner, and SQLite keeps a 4 MB page cache: under sustained load about half the peak memory for about 40 % more CPU per run) or fast (V8\'s defaults and a 16 MB SQLite page cache: for the most runs per second where memory is plenty)',
  STRIPE_SECRET_KEY: 'A Stripe secret key (sk_test_...). Unset: the built-in Stripe sandbox',
  STRIPE_WEBHOOK_SECRET: "Signing secret(s) of the Stripe webhook endpoint (whsec_...), comma-separated during a rotation",
  TOLLGATE_STRIPE_EVENTS: 'How Stripe events arrive: webhook (default; POST /webhooks/stripe/stripe) or poll (read the Events API; no public URL needed)',
  TOLLGATE_STRIPE_RECOVERY:
    'Webhook mode: how often to ask Stripe for the events it could not deliver (delivery_success=false) and take in those missed, e.g. after downtime (default 15m; off to never)',
  TOLLGATE_STRIPE_RATE_LIMIT:
    'Requests per second sent to the Stripe account of STRIPE_SECRET_KEY, a fifth of them kept for refunds and credit notes so they never wait behind reads: a number, or 0 for no limit. Default 80 with a live key, 20 with a test key (Stripe allows about 100 and 25). On PostgreSQL every process of the database keeps to it together (one bucket per account, in the database); on SQLite the one process does',
  TOLLGATE_SANDBOX_PORT: `Port of the built-in Stripe sandbox (used when STRIPE_SECRET_KEY is unset). Default ${DEFAULT_SANDBOX_PORT}`,
  TOLLGATE_SANDBOX_URL: CLIENT_ENVIRONMENT.TOLLGATE_SANDBOX_URL,
  TOLLGATE_SECRET_KEY: 'Key (64 hex characters) that seals connector secrets set in Settings. Unset: <TOLLGATE_DATA>/secret.key, made on first use',
  TOLLGATE_OUTBOUND_ALLOW:
    'Comma-separated hosts, host:port, IP addresses, CIDRs or `loopback` that http.request and webhook.post may reach although they are loopback, private, link-local or metadata addresses. Default: none (`tollgate start` with the Stripe sandbox adds loopback)',
  TOLLGATE_OUTBOUND_MAX_BYTES: `Largest response body http.request and webhook.post read, in bytes. Default ${DEFAULT_OUTBOUND_MAX_BYTES} (5 MB)`,
  TOLLGATE_SECRET_KEY_OLD: 'Previous secret keys (64 hex characters each, comma-separated) that still open secrets sealed before a rotation; drop one once `tollgate secrets rotate` says no secret uses it',
  TOLLGATE_ALLOW_WAKE: 'true lets `tollgate runs wake` end a run\'s wait early even with a live Stripe key; false (default): only against the built-in sandbox or a test key',
  TOLLGATE_PUBLIC_URL:
    'The URL people reach Tollgate at (e.g. https://tollgate.example.com behind a TLS proxy). When https, cookies are Secure and HSTS is sent. Approval emails link to their task there, and the webhook URLs the web app and API give to copy (Stripe endpoints, webhook triggers) are on it; unset, emails link to where `tollgate start` listens (a separate `tollgate worker` then sends no link) and the web app gives URLs on the address the browser uses',
  TOLLGATE_TRUST_PROXY: 'Which proxies\' X-Forwarded-For/-Proto to believe: false (default, none), true (any), or comma-separated addresses or CIDRs of your proxies',
  TOLLGATE_RATE_LIMIT_API: 'Requests to /api per API key, session user or (without credentials) address: N/second, N/minute, N/hour or off. Default 6000/minute',
  TOLLGATE_RATE_LIMIT_WEBHOOK: 'Webhook deliveries per endpoint and sending address: N/second, N/minute, N/hour or off. Default 60000/minute',
  TOLLGATE_AUDIT_ANCHOR_INTERVAL: 'How often the server writes the audit anchor (latest seq:hash) to the log, a duration like 1h or 15m. Default 1h',
  TOLLGATE_AUDIT_RETENTION: 'Purge audit entries older than this (e.g. 400d), each batch exported to <TOLLGATE_DATA>/audit-exports first. Unset (default): keep them all',
  OTEL_EXPORTER_OTLP_ENDPOINT:
    'An OpenTelemetry collector (OTLP over HTTP, e.g. http://collector:4318): start, serve and worker send it a trace per HTTP request and per step attempt, with the calls a step makes. Unset (default): no traces. Spans are sent every second and at a graceful stop; OTEL_EXPORTER_OTLP_HEADERS (e.g. an API key), _TIMEOUT, _COMPRESSION and the certificate variables apply as OpenTelemetry defines them',
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'The full URL traces are posted to, instead of <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces',
  OTEL_SERVICE_NAME: 'The service name traces carry. Default tollgate',
  OTEL_TRACES_SAMPLER:
    'Which traces are kept, as OpenTelemetry names it: parentbased_always_on (default: every trace, and a caller\'s traceparent decides for its request), parentbased_traceidratio or traceidratio (a share, OTEL_TRACES_SAMPLER_ARG), always_on, always_off, parentbased_always_off',
  OTEL_TRACES_SAMPLER_ARG: 'The share of traces a traceidratio sampler keeps, from 0 to 1. Default 1',
} as const;

/** Settings whose values are credentials: a config error shows only their first characters (DATABASE_URL: without its password). */
const SECRET_SETTINGS: ReadonlySet<string> = new Set(['STRIPE_SECRET_KEY', 'STRIPE_WEBHOOK_SECRET', 'TOLLGATE_SECRET_KEY', 'TOLLGATE_SECRET_KEY_OLD', 'TOLLGATE_API_KEY']);

/** A number in a range (a whole one unless `fraction`), one message for every way a value can miss it. */
function numberIn(range: { min: number; max?: number; fraction?: boolean }, hint: string) {
  const any = z.coerce.number({ error: hint });
  const number = (range.fraction === true ? any : any.int(hint)).min(range.min, hint);
  return range.max === undefined ? number : number.max(range.max, hint);
}
const PORT_HINT = 'a port number from 0 to 65535 (0 picks a free one)';
const DATABASE_URL_HINT = 'a postgres:// or postgresql:// URL';

/** The Stripe event recovery sweep runs at most once a minute: each sweep lists Stripe's undelivered events. */
const MIN_RECOVERY_INTERVAL_MS = 60_000;
const duration = z.string().refine(isDuration, 'a duration: a number and a unit, e.g. 15m, 1h, 400d');
/** A PostgreSQL timeout: from 1 s (less fails on a busy machine) to 10 min (more is as good as none). */
const databaseTimeout = (options: { fallback: string; example: string }) =>
  z
    .string()
    .refine((value) => isDuration(value) && parseDuration(value) >= 1000 && parseDuration(value) <= 600_000, `a duration from 1s to 10m, e.g. ${options.example}`)
    .default(options.fallback);

const schema = z.object({
  DATABASE_URL: z
    .string()
    .refine((value) => /^postgres(ql)?:\/\//i.test(value) && URL.canParse(value), DATABASE_URL_HINT)
    .optional(),
  TOLLGATE_DATABASE_CONNECT_TIMEOUT: databaseTimeout({ fallback: '10s', example: '10s or 30s' }),
  TOLLGATE_DATABASE_QUERY_TIMEOUT: databaseTimeout({ fallback: '30s', example: '30s or 2m' }),
  TOLLGATE_DATA: z.string().default(DEFAULT_DATA_DIR),
  TOLLGATE_HOST: z.string().default('127.0.0.1'),
  TOLLGATE_PORT: numberIn({ min: 0, max: 65535 }, PORT_HINT).default(8080),
  TOLLGATE_SERVER: z.string().refine(isServerUrl, SERVER_URL_HINT).transform((url) => url.trim()).default(DEFAULT_SERVER_URL),
  TOLLGATE_API_KEY: z.string().optional(),
  TOLLGATE_AUTH: z.enum(['required', 'off']).default('required'),
  TOLLGATE_ADMIN_EMAIL: z.string().regex(EMAIL_ADDRESS, EMAIL_ADDRESS_HINT).default('admin@localhost'),
  TOLLGATE_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TOLLGATE_WORKER_CONCURRENCY: z.union([z.literal('auto'), z.coerce.number().int().min(1).max(1000)], 'auto, or a whole number from 1 to 1000').default('auto'),
  TOLLGATE_WORKER_PORT: numberIn({ min: 0, max: 65535 }, PORT_HINT).optional(),
  TOLLGATE_INTAKE_MAX_LAG: z
    .string()
    .refine((value) => value === 'off' || isDuration(value), 'a duration like 5s or 500ms, or off')
    .default('5s'),
  TOLLGATE_SQLITE_SYNCHRONOUS: z.enum(['FULL', 'NORMAL']).default('FULL'),
  // Applied by bin/tollgate.js as a server command starts (scripts/memory-mode.js); a wrong value fails here.
  TOLLGATE_MEMORY: z.enum(['lean', 'fast']).default('lean'),
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_/, 'a Stripe secret key starts with sk_test_, sk_live_, rk_test_ or rk_live_').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().optional(),
  TOLLGATE_STRIPE_EVENTS: z.enum(['webhook', 'poll']).default('webhook'),
  TOLLGATE_STRIPE_RECOVERY: z
    .string()
    .refine((value) => value === 'off' || (isDuration(value) && parseDuration(value) >= MIN_RECOVERY_INTERVAL_MS), 'a duration of at least 1m like 15m or 1h, or off')
    .default('15m'),
  TOLLGATE_STRIPE_RATE_LIMIT: numberIn({ min: 0, fraction: true }, 'a number of requests per second, or 0 for no limit').optional(),
  TOLLGATE_SANDBOX_PORT: numberIn({ min: 0, max: 65535 }, PORT_HINT).default(DEFAULT_SANDBOX_PORT),
  TOLLGATE_SANDBOX_URL: z.string().refine(isServerUrl, SANDBOX_URL_HINT).transform((url) => url.trim()).optional(),
  TOLLGATE_SECRET_KEY: z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex characters (32 bytes); make one with `openssl rand -hex 32`').optional(),
  TOLLGATE_SECRET_KEY_OLD: z.string().regex(/^\s*[0-9a-fA-F]{64}\s*(,\s*[0-9a-fA-F]{64}\s*)*$/, 'comma-separated keys of 64 hex characters each').optional(),
  TOLLGATE_ALLOW_WAKE: z.enum(['true', 'false']).default('false'),
  TOLLGATE_OUTBOUND_ALLOW: z
    .string()
    .default('')
    .refine((value) => outboundAllowProblems(value).length === 0, { error: (issue) => outboundAllowProblems(String(issue.input)).join('; ') }),
  TOLLGATE_OUTBOUND_MAX_BYTES: numberIn({ min: 1 }, 'a whole number of bytes, at least 1').default(DEFAULT_OUTBOUND_MAX_BYTES),
  TOLLGATE_PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  TOLLGATE_TRUST_PROXY: z.string().default('false'),
  TOLLGATE_RATE_LIMIT_API: z.string().regex(RATE_LIMIT_FORMAT, RATE_LIMIT_HINT).default('6000/minute'),
  TOLLGATE_RATE_LIMIT_WEBHOOK: z.string().regex(RATE_LIMIT_FORMAT, RATE_LIMIT_HINT).default('60000/minute'),
  TOLLGATE_AUDIT_ANCHOR_INTERVAL: duration.default('1h'),
  TOLLGATE_AUDIT_RETENTION: duration.optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url({ protocol: /^https?$/ }).optional(),
  OTEL_SERVICE_NAME: z.string().default('tollgate'),
  OTEL_TRACES_SAMPLER: z.enum(TRACE_SAMPLERS).default('parentbased_always_on'),
  OTEL_TRACES_SAMPLER_ARG: numberIn({ min: 0, max: 1, fraction: true }, 'a share from 0 to 1, e.g. 0.1').default(1),
});

export interface Config {
  databaseUrl: string | undefined;
  /** TOLLGATE_DATABASE_CONNECT_TIMEOUT in milliseconds. */
  databaseConnectTimeoutMs: number;
  /** TOLLGATE_DATABASE_QUERY_TIMEOUT in milliseconds. */
  databaseQueryTimeoutMs: number;
  dataDir: string;
  sqliteFile: string;
  host: string;
  port: number;
  serverUrl: string;
  apiKey: string | undefined;
  auth: 'required' | 'off';
  adminEmail: string;
  logLevel: string;
  /** TOLLGATE_WORKER_CONCURRENCY: the most steps one worker runs at once (auto: AUTO_WORKER_CONCURRENCY). */
  workerConcurrency: number;
  /** TOLLGATE_WORKER_PORT: where `tollgate worker` answers /metrics and the health probes; undefined: it listens nowhere. */
  workerPort: number | undefined;
  /** TOLLGATE_INTAKE_MAX_LAG in milliseconds; undefined (off) takes every delivery. */
  intakeMaxLagMs: number | undefined;
  sqliteSynchronous: 'FULL' | 'NORMAL';
  /** SQLite's page cache in MB, by TOLLGATE_MEMORY: 16 fast (better-sqlite3's own), 4 lean (about 12 MB less at peak, a few % more CPU per run). */
  sqliteCacheMb: number;
  stripeSecretKey: string | undefined;
  stripeWebhookSecrets: string[];
  stripeEvents: 'webhook' | 'poll';
  /** TOLLGATE_STRIPE_RECOVERY in milliseconds; undefined (off) never sweeps. */
  stripeRecoveryMs: number | undefined;
  /** TOLLGATE_STRIPE_RATE_LIMIT: the stripe connector's `rate_limit` (0: none); undefined: its default. */
  stripeRateLimit: number | undefined;
  sandboxPort: number;
  /** Where `tollgate stripe` commands find the sandbox: TOLLGATE_SANDBOX_URL, else 127.0.0.1 at sandboxPort. */
  sandboxUrl: string;
  /** Hex key sealing connector secrets; undefined: `<dataDir>/secret.key`. */
  secretKey: string | undefined;
  /** Hex keys that only open secrets sealed before a rotation. */
  oldSecretKeys: string[];
  /** TOLLGATE_ALLOW_WAKE: runs may be woken early whatever the Stripe key. */
  allowWake: boolean;
  /** TOLLGATE_OUTBOUND_ALLOW, checked: refused addresses outbound calls may reach all the same. */
  outboundAllow: string;
  /** TOLLGATE_OUTBOUND_MAX_BYTES: the largest response body an outbound call reads. */
  outboundMaxBytes: number;
  /** TOLLGATE_PUBLIC_URL, if set. */
  publicUrl: string | undefined;
  /** Trusted proxies, https, rate limits (TOLLGATE_TRUST_PROXY, TOLLGATE_PUBLIC_URL, TOLLGATE_RATE_LIMIT_*). */
  serverSecurity: ServerSecurity;
  /** TOLLGATE_AUDIT_ANCHOR_INTERVAL in milliseconds. */
  auditAnchorIntervalMs: number;
  /** TOLLGATE_AUDIT_RETENTION in milliseconds; undefined keeps every entry. */
  auditRetentionMs: number | undefined;
  /** Where traces go (OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, else <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces), under which service name, and which are kept; undefined: no traces. */
  traces: TraceSettings | undefined;
}

/** Reads the configuration; a bad value fails with the variable's name and what it takes. */
export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(Object.fromEntries(Object.keys(ENVIRONMENT).map((key) => [key, env[key] === '' ? undefined : env[key]])));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const given = env[name];
      // A URL's password is masked; one too broken to find its password in (no host) is hidden as secrets are.
      const parseableUrl = name === 'DATABASE_URL' && given !== undefined && URL.canParse(given) && new URL(given).host !== '';
      const value = parseableUrl ? describeDatabaseUrl(given) : given;
      return settingIssue({ name, value, problem: issue.message, meaning: ENVIRONMENT[name as keyof typeof ENVIRONMENT], secret: SECRET_SETTINGS.has(name) || (name === 'DATABASE_URL' && !parseableUrl) });
    });
    const lines = issues.map((issue) => issue.message);
    throw new InvalidInputError('config_invalid', issues.length === 1 ? lines.join('') : [`${issues.length} settings are not valid:`, ...lines].join('\n'), issues);
  }
  const values = parsed.data;
  return {
    databaseUrl: values.DATABASE_URL,
    databaseConnectTimeoutMs: parseDuration(values.TOLLGATE_DATABASE_CONNECT_TIMEOUT, 'TOLLGATE_DATABASE_CONNECT_TIMEOUT'),
    databaseQueryTimeoutMs: parseDuration(values.TOLLGATE_DATABASE_QUERY_TIMEOUT, 'TOLLGATE_DATABASE_QUERY_TIMEOUT'),
    dataDir: values.TOLLGATE_DATA,
    sqliteFile: join(values.TOLLGATE_DATA, 'tollgate.db'),
    host: values.TOLLGATE_HOST,
    port: values.TOLLGATE_PORT,
    serverUrl: values.TOLLGATE_SERVER,
    apiKey: values.TOLLGATE_API_KEY,
    auth: values.TOLLGATE_AUTH,
    adminEmail: values.TOLLGATE_ADMIN_EMAIL.toLowerCase(),
    logLevel: values.TOLLGATE_LOG_LEVEL,
    workerConcurrency: values.TOLLGATE_WORKER_CONCURRENCY === 'auto' ? AUTO_WORKER_CONCURRENCY : values.TOLLGATE_WORKER_CONCURRENCY,
    workerPort: values.TOLLGATE_WORKER_PORT,
    intakeMaxLagMs: values.TOLLGATE_INTAKE_MAX_LAG === 'off' ? undefined : parseDuration(values.TOLLGATE_INTAKE_MAX_LAG, 'TOLLGATE_INTAKE_MAX_LAG'),
    sqliteSynchronous: values.TOLLGATE_SQLITE_SYNCHRONOUS,
    sqliteCacheMb: values.TOLLGATE_MEMORY === 'lean' ? 4 : 16,
    stripeSecretKey: values.STRIPE_SECRET_KEY,
    stripeWebhookSecrets: (values.STRIPE_WEBHOOK_SECRET ?? '').split(',').map((secret) => secret.trim()).filter(Boolean),
    stripeEvents: values.TOLLGATE_STRIPE_EVENTS,
    stripeRecoveryMs: values.TOLLGATE_STRIPE_RECOVERY === 'off' ? undefined : parseDuration(values.TOLLGATE_STRIPE_RECOVERY, 'TOLLGATE_STRIPE_RECOVERY'),
    stripeRateLimit: values.TOLLGATE_STRIPE_RATE_LIMIT,
    sandboxPort: values.TOLLGATE_SANDBOX_PORT,
    sandboxUrl: values.TOLLGATE_SANDBOX_URL ?? `http://127.0.0.1:${values.TOLLGATE_SANDBOX_PORT}`,
    secretKey: values.TOLLGATE_SECRET_KEY,
    oldSecretKeys: (values.TOLLGATE_SECRET_KEY_OLD ?? '').split(',').map((key) => key.trim()).filter(Boolean),
    allowWake: values.TOLLGATE_ALLOW_WAKE === 'true',
    outboundAllow: values.TOLLGATE_OUTBOUND_ALLOW,
    outboundMaxBytes: values.TOLLGATE_OUTBOUND_MAX_BYTES,
    publicUrl: values.TOLLGATE_PUBLIC_URL,
    serverSecurity: {
      trustProxy: trustProxyOf(values.TOLLGATE_TRUST_PROXY),
      httpsPublicUrl: values.TOLLGATE_PUBLIC_URL?.startsWith('https:') ?? false,
      apiRateLimit: parseRateLimit(values.TOLLGATE_RATE_LIMIT_API),
      webhookRateLimit: parseRateLimit(values.TOLLGATE_RATE_LIMIT_WEBHOOK),
    },
    auditAnchorIntervalMs: parseDuration(values.TOLLGATE_AUDIT_ANCHOR_INTERVAL, 'TOLLGATE_AUDIT_ANCHOR_INTERVAL'),
    auditRetentionMs: values.TOLLGATE_AUDIT_RETENTION === undefined ? undefined : parseDuration(values.TOLLGATE_AUDIT_RETENTION, 'TOLLGATE_AUDIT_RETENTION'),
    traces: tracesOf(values),
  };
}

/** The database `config` names, as the store opens it. */
export function databaseOptionsOf(config: Config): DatabaseOptions {
  return {
    databaseUrl: config.databaseUrl,
    sqliteFile: config.sqliteFile,
    sqliteSynchronous: config.sqliteSynchronous,
    sqliteCacheMb: config.sqliteCacheMb,
    connectTimeoutMs: config.databaseConnectTimeoutMs,
    queryTimeoutMs: config.databaseQueryTimeoutMs,
  };
}

/** OpenTelemetry's rule: the traces endpoint as it is, else the general one with /v1/traces after its path. */
function tracesOf(values: z.infer<typeof schema>): Config['traces'] {
  const url = values.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? (values.OTEL_EXPORTER_OTLP_ENDPOINT === undefined ? undefined : `${values.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/+$/, '')}/v1/traces`);
  return url === undefined ? undefined : { url, serviceName: values.OTEL_SERVICE_NAME, sampler: values.OTEL_TRACES_SAMPLER, ratio: values.OTEL_TRACES_SAMPLER_ARG };
}

/** TOLLGATE_TRUST_PROXY: `true`, `false`, or the proxies' addresses and CIDRs. */
function trustProxyOf(setting: string): boolean | string[] {
  if (setting === 'true' || setting === 'false') return setting === 'true';
  return setting.split(',').map((address) => address.trim()).filter(Boolean);
}
