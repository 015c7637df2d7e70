import { listChoices, suggestion } from './did-you-mean.ts';
import type { ReportIssue } from './definition-issue.ts';
import { connectorTypeSpec, type ConnectorSettingSpec } from './connector-settings-spec.ts';
import type { ConnectorDocument } from './schema.ts';

/**
 * Checks a Connector's config against what its type reads
 * (connector-settings-spec.ts): a required setting is there, each value has
 * its kind. A key the type does not read is a warning: it changes nothing, but
 * it may be a typo or meant for a custom use.
 */
export function checkConnectorConfig(document: ConnectorDocument, report: ReportIssue): void {
  const spec = connectorTypeSpec(document.type);
  const keys = spec.settings.map((setting) => setting.key);
  for (const setting of spec.settings) {
    const value = document.config[setting.key];
    if (value === undefined || value === null || value === '') {
      // At the setting's own place, though it is missing there: a form shows it at that input.
      if (setting.required) report(['config', setting.key], `a ${document.type} connector needs ${setting.label.toLowerCase()}: ${setting.description}`, { at: 'key' });
      continue;
    }
    const problem = valueProblem(setting, value);
    if (problem !== undefined) report(['config', setting.key], `${setting.label.toLowerCase()} must be ${problem}`);
  }
  for (const key of Object.keys(document.config)) {
    if (keys.includes(key)) continue;
    const hint = suggestion(key, keys);
    report(['config', key], `a ${document.type} connector does not read "${key}"${hint}; it reads ${listChoices(keys)}`, { at: 'key', severity: 'warning' });
  }
}

/** What is wrong with a value of the setting's kind, or undefined. */
function valueProblem(setting: ConnectorSettingSpec, value: unknown): string | undefined {
  switch (setting.kind) {
    case 'text':
    case 'secret':
      return typeof value === 'string' ? undefined : 'a string';
    case 'url':
      if (typeof value !== 'string') return 'a URL';
      return value.includes('{{') || isHttpUrl(value) ? undefined : `an http(s) URL such as ${setting.example ?? 'https://example.com'}, or {{ env.NAME }}; got ${JSON.stringify(value)}`;
    case 'secret_list':
      return Array.isArray(value) && value.every((item) => typeof item === 'string' && item !== '') ? undefined : 'a list of secrets (strings)';
    case 'port':
      return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535 ? undefined : `a port number from 1 to 65535; got ${JSON.stringify(value)}`;
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? undefined : `a number, 0 or more; got ${JSON.stringify(value)}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `true or false; got ${JSON.stringify(value)}`;
    case 'headers':
      return value !== null && typeof value === 'object' && !Array.isArray(value) && Object.values(value).every((item) => typeof item === 'string')
        ? undefined
        : 'an object of header names to string values';
    default: {
      const unknown: never = setting.kind;
      return unknown;
    }
  }
}

function isHttpUrl(value: string): boolean {
  if (!URL.canParse(value)) return false;
  const { protocol } = new URL(value);
  return protocol === 'http:' || protocol === 'https:';
}
