import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/api-client.ts';
import { asApiError } from '../../api/api-error.ts';
import type { Connector, ConnectorChange, ConnectorTypeSpec } from '../../api/types.ts';
import { idFromTitle } from '../../../../src/core/id-from-title.ts';
import { ErrorState, Loading } from '../../ui/states.tsx';
import { ConnectorSettingField } from './connector-setting-field.tsx';
import { configOf, initialSettingValues, type SettingValues } from './connector-setting-values.ts';
import { FieldFrame, TextField } from '../../ui/form-fields.tsx';
import { FormActions, useKeyedSubmit } from '../../ui/form-actions.tsx';
import { formErrors } from '../../ui/form-errors.ts';

export const connectorTypesQuery = { queryKey: ['settings', 'connector-types'], queryFn: () => api<{ types: ConnectorTypeSpec[] }>('GET', '/connector-types') };

/** Making a connector: its type, title, id (from the title until typed) and the settings its type reads; applied as a Connector document. */
export function NewConnectorForm({ onClose }: { onClose: () => void }) {
  const types = useQuery(connectorTypesQuery);
  if (types.isPending) return <Loading />;
  if (types.isError) return <ErrorState error={types.error} retry={() => void types.refetch()} />;
  return <NewConnector types={types.data.types} onClose={onClose} />;
}

function NewConnector({ types, onClose }: { types: ConnectorTypeSpec[]; onClose: () => void }) {
  const queries = useQueryClient();
  const [type, setType] = useState<ConnectorTypeSpec['type']>(types[0]?.type ?? 'stripe');
  const spec = types.find((item) => item.type === type);
  const [title, setTitle] = useState('');
  const [id, setId] = useState<string | undefined>();
  const [values, setValues] = useState<SettingValues>(() => initialSettingValues(spec?.settings ?? []));
  const connectorId = id ?? (idFromTitle(title) || '');
  const create = useMutation({
    mutationFn: (idempotencyKey: string) =>
      api<ConnectorChange>('POST', '/connectors', { idempotencyKey, body: { id: connectorId, type, ...(title.trim() === '' ? {} : { title }), config: configOf(spec?.settings ?? [], values) } }),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['settings', 'connectors'] });
      onClose();
    },
  });
  const { edited: change, submit, forget } = useKeyedSubmit((idempotencyKey) => create.mutate(idempotencyKey));
  const pickType = (next: ConnectorTypeSpec['type']) => {
    forget();
    setType(next);
    setValues(initialSettingValues(types.find((item) => item.type === next)?.settings ?? []));
    create.reset();
  };
  const settingFields = (spec?.settings ?? []).map((setting) => `body.config.${setting.key}`);
  const errors = formErrors(create.error === null ? undefined : asApiError(create.error), ['body.id', 'body.type', 'body.title', ...settingFields]);
  const panel = useRef<HTMLElement>(null);
  useEffect(() => panel.current?.querySelector('select')?.focus(), []);
  return (
    <section className="card" aria-labelledby="new-connector-title" ref={panel}>
      <div className="row settings-card-head">
        <h2 id="new-connector-title">New connector</h2>
        <button type="button" className="button subtle" onClick={onClose}>
          Cancel
        </button>
      </div>
      <form onSubmit={submit} noValidate>
        <div className="connector-form-grid">
          <FieldFrame label="Type" hint={spec?.description.replaceAll('`', '')} error={errors.at('body.type')}>
            {({ id: inputId, describedBy }) => (
              <select id={inputId} value={type} onChange={(event) => pickType(event.target.value as ConnectorTypeSpec['type'])} aria-invalid={errors.at('body.type') !== undefined} aria-describedby={describedBy}>
                {types.map((item) => (
                  <option key={item.type} value={item.type}>
                    {item.title} ({item.type})
                  </option>
                ))}
              </select>
            )}
          </FieldFrame>
          <TextField label="Title" optional value={title} onChange={change(setTitle)} error={errors.at('body.title')} placeholder={`${spec?.title ?? 'Connector'} (EU)`} />
          <TextField
            label="Id"
            hint="Action steps name the connector by it (connector: …); it cannot change later."
            value={connectorId}
            onChange={change((value: string) => setId(value))}
            error={errors.at('body.id')}
            required
            placeholder={`${type}-eu`}
          />
        </div>
        <SettingFields spec={spec} values={values} onChange={change(setValues)} errorAt={errors.at} />
        <FormActions rest={errors.rest} pending={create.isPending} label="Create connector" pendingLabel="Creating…" />
      </form>
    </section>
  );
}

/** Changing a connector's title and settings; its type stays, and a secret left empty stays as it is. */
export function EditConnectorForm({ connector, onClose }: { connector: Connector; onClose: () => void }) {
  const types = useQuery(connectorTypesQuery);
  if (types.isPending) return <Loading />;
  if (types.isError) return <ErrorState error={types.error} retry={() => void types.refetch()} />;
  return <EditConnector connector={connector} spec={types.data.types.find((item) => item.type === connector.type)} onClose={onClose} />;
}

function EditConnector({ connector, spec, onClose }: { connector: Connector; spec: ConnectorTypeSpec | undefined; onClose: () => void }) {
  const queries = useQueryClient();
  const initial = useRef(initialSettingValues(spec?.settings ?? [], connector)).current;
  const [title, setTitle] = useState(connector.title ?? '');
  const [values, setValues] = useState<SettingValues>(initial);
  const save = useMutation({
    mutationFn: () =>
      api<ConnectorChange>('POST', `/connectors/${encodeURIComponent(connector.id)}`, {
        body: { title: title.trim() === '' ? null : title, config: configOf(spec?.settings ?? [], values, initial) },
      }),
    onSuccess: async () => {
      await queries.invalidateQueries({ queryKey: ['settings', 'connectors'] });
      onClose();
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate();
  };
  const settingFields = (spec?.settings ?? []).map((setting) => `body.config.${setting.key}`);
  const errors = formErrors(save.error === null ? undefined : asApiError(save.error), ['body.title', ...settingFields]);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => form.current?.querySelector('input')?.focus(), []);
  return (
    <form className="connector-edit" onSubmit={submit} ref={form} noValidate aria-label={`Change ${connector.title ?? connector.id}`}>
      <TextField label="Title" optional value={title} onChange={setTitle} error={errors.at('body.title')} />
      <SettingFields spec={spec} values={values} onChange={setValues} errorAt={errors.at} connector={connector} />
      <FormActions rest={errors.rest} pending={save.isPending} label="Save settings" pendingLabel="Saving…" onCancel={onClose} />
    </form>
  );
}

function SettingFields(props: { spec: ConnectorTypeSpec | undefined; values: SettingValues; onChange: (values: SettingValues) => void; errorAt: (field: string) => string | undefined; connector?: Connector }) {
  const { spec, values, onChange, errorAt, connector } = props;
  if (spec === undefined) return <p className="form-error">This Tollgate describes no settings for this connector type.</p>;
  return (
    <fieldset className="fieldset connector-form-grid">
      <legend>{spec.title} settings</legend>
      {spec.settings.map((setting) => (
        <ConnectorSettingField
          key={setting.key}
          setting={setting}
          value={values[setting.key] ?? ''}
          onChange={(value) => onChange({ ...values, [setting.key]: value })}
          error={errorAt(`body.config.${setting.key}`)}
          isSet={connector?.settings.some((item) => item.key === setting.key) ?? false}
        />
      ))}
    </fieldset>
  );
}
