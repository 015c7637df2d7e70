import { PermanentError } from '../../core/errors.ts';
import type { ResolvedConnector } from '../../engine/operation.ts';

/** An `smtp` connector's config, checked. */
export interface SmtpConfig {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | undefined;
  password: string | undefined;
  from: string | undefined;
}

/**
 * Reads `host`, `port` (default 465 with `secure`, else 587), `secure`,
 * `user`, `password` and `from`. The password is usually `{{ env.SMTP_PASSWORD }}`,
 * filled in by the connector resolver.
 */
export function parseSmtpConfig(connector: ResolvedConnector): SmtpConfig {
  const { config, id } = connector;
  const path = (key: string): string => `connectors.${id}.config.${key}`;
  const invalid = (key: string, what: string): PermanentError =>
    new PermanentError('smtp_config_invalid', `connector "${id}": config.${key} must be ${what}`, { path: path(key) });
  if (typeof config.host !== 'string' || config.host.trim() === '') throw invalid('host', 'the SMTP server host name, e.g. smtp.example.com');
  const secure = config.secure ?? false;
  if (typeof secure !== 'boolean') throw invalid('secure', 'true (TLS, usually port 465) or false (STARTTLS, usually 587)');
  const port = config.port ?? (secure ? 465 : 587);
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) throw invalid('port', 'a port number such as 587');
  return {
    host: config.host.trim(),
    port,
    secure,
    user: optionalString(config.user, () => invalid('user', 'a user name, or left out')),
    password: optionalString(config.password, () => invalid('password', 'a password (usually "{{ env.SMTP_PASSWORD }}"), or left out')),
    from: optionalString(config.from, () => invalid('from', 'the sender address, e.g. "Payments <payments@example.com>"')),
  };
}

function optionalString(value: unknown, invalid: () => PermanentError): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalid();
  return value;
}
