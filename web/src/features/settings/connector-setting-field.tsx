import { useId } from 'react';
import type { ConnectorSettingSpec } from '../../api/types.ts';
import { FieldFrame } from '../../ui/form-fields.tsx';

/**
 * The input of one connector setting, by its kind as GET /connector-types describes it: a password input
 * for a secret (never filled in: on a change, left empty it stays as it is), a checkbox for a boolean,
 * `Name: value` lines for headers, a text input otherwise (which may name a variable, `{{ env.NAME }}`).
 */
export function ConnectorSettingField(props: { setting: ConnectorSettingSpec; value: string | boolean; onChange: (value: string | boolean) => void; error: string | undefined; isSet: boolean }) {
  const { setting, value, onChange, error, isSet } = props;
  const id = useId();
  if (setting.kind === 'boolean') {
    return (
      <div className="field connector-check">
        <label className="check">
          <input type="checkbox" checked={value === true} onChange={(event) => onChange(event.target.checked)} aria-invalid={error !== undefined} aria-describedby={`${id}-hint${error === undefined ? '' : ` ${id}-error`}`} />
          <span>{setting.label}</span>
        </label>
        <span className="hint" id={`${id}-hint`}>
          {plain(setting.description)}
        </span>
        {error !== undefined && (
          <span className="field-error" id={`${id}-error`}>
            {error}
          </span>
        )}
      </div>
    );
  }
  const kept = isSet && (setting.secret || setting.kind === 'headers');
  const hint = `${plain(setting.description)}${kept ? ' Set: leave empty to keep it.' : ''}`;
  return (
    <FieldFrame label={setting.label} hint={hint} optional={!setting.required} error={error}>
      {({ id, describedBy }) =>
        setting.kind === 'headers' ? (
          <textarea
            id={id}
            rows={2}
            value={String(value)}
            onChange={(event) => onChange(event.target.value)}
            aria-invalid={error !== undefined}
            aria-describedby={describedBy}
            placeholder={kept ? 'Unchanged' : 'X-Team: payments'}
          />
        ) : (
          <input
            id={id}
            type={setting.secret ? 'password' : 'text'}
            autoComplete="off"
            inputMode={setting.kind === 'port' || setting.kind === 'number' ? 'numeric' : setting.kind === 'url' ? 'url' : undefined}
            value={String(value)}
            onChange={(event) => onChange(event.target.value)}
            aria-invalid={error !== undefined}
            aria-describedby={describedBy}
            required={setting.required && !kept}
            placeholder={kept ? 'Unchanged' : (setting.example ?? undefined)}
          />
        )
      }
    </FieldFrame>
  );
}

/** The description without Markdown's backticks. */
function plain(text: string): string {
  return text.replaceAll('`', '');
}
