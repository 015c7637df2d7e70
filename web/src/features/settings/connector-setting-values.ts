import type { Connector, ConnectorSettingSpec } from '../../api/types.ts';

/** What the connector form holds: each setting's input as typed (a checkbox's state for a boolean). */
export type SettingValues = Record<string, string | boolean>;

/**
 * The inputs of a type's settings: empty for a new connector; for an existing one its current values,
 * except secrets and headers (never answered back, or masked), which stay empty and are kept unless typed.
 */
export function initialSettingValues(settings: readonly ConnectorSettingSpec[], connector?: Connector): SettingValues {
  const values: SettingValues = {};
  for (const setting of settings) {
    const current = connector?.settings.find((item) => item.key === setting.key)?.value;
    if (setting.kind === 'boolean') values[setting.key] = current === true;
    else if (setting.secret || setting.kind === 'headers' || current === undefined || current === null) values[setting.key] = '';
    else values[setting.key] = typeof current === 'string' ? current : JSON.stringify(current);
  }
  return values;
}

/** A setting that stays as it is when its input is left empty on a change: it is not shown back. */
export function keptWhenEmpty(setting: ConnectorSettingSpec): boolean {
  return setting.secret || setting.kind === 'headers';
}

/**
 * The `config` to send. A new connector gets each filled setting. A change (`initial` given) gets only what
 * differs from `initial`, a cleared input as null (removed), and no empty secret or headers (kept).
 * Values are sent as typed where they do not convert (a port `abc`), so the API says what is wrong, at the field.
 */
export function configOf(settings: readonly ConnectorSettingSpec[], values: SettingValues, initial?: SettingValues): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  for (const setting of settings) {
    const value = values[setting.key] ?? '';
    const before = initial?.[setting.key];
    if (typeof value === 'boolean') {
      if (initial === undefined ? value : value !== before) config[setting.key] = value;
      continue;
    }
    const text = value.trim();
    if (text === '') {
      if (initial !== undefined && !keptWhenEmpty(setting) && before !== '') config[setting.key] = null;
      continue;
    }
    if (initial !== undefined && !keptWhenEmpty(setting) && text === before) continue;
    config[setting.key] = converted(setting, text);
  }
  return config;
}

function converted(setting: ConnectorSettingSpec, text: string): unknown {
  switch (setting.kind) {
    case 'port':
    case 'number':
      return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : text;
    case 'secret_list':
      return [text];
    case 'headers':
      return headersOf(text);
    default:
      return text;
  }
}

/** `Name: value` lines as an object; text with a line that is no header goes as it is (the API refuses it, at the field). */
function headersOf(text: string): Record<string, string> | string {
  const headers: Record<string, string> = {};
  for (const line of text.split('\n').map((item) => item.trim()).filter((item) => item !== '')) {
    const colon = line.indexOf(':');
    if (colon <= 0) return text;
    headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}
