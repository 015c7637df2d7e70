import { useQuery } from '@tanstack/react-query';
import { useRef } from 'react';
import type { BuilderIssue } from '../builder-types.ts';
import { patched } from './draft-patch.ts';
import { ConditionBuilder } from './condition-builder.tsx';
import { EventTypeField } from './event-type-field.tsx';
import { FieldIssues, FormRow } from './form-row.tsx';
import { FormScopeContext } from './form-scope.tsx';
import { InputFieldsEditor } from './input-fields-editor.tsx';
import { issuesAt, issuesUnder, unplacedIssues, type PlacedIssue } from './issue-match.ts';
import { eventTypeQuery, eventTypesQuery } from './reference-queries.ts';
import { eventTypesOf, eventValue, newTrigger, TRIGGER_TYPES, type TriggerKind } from './trigger-types.ts';
import { triggerOptions } from './variable-options.ts';

type Trigger = Record<string, unknown>;

interface TriggerFormProps {
  trigger: Trigger;
  onChange: (trigger: Trigger) => void;
  issues: BuilderIssue[];
}

const OWN_FIELDS = ['type', 'event', 'when', 'account', 'connector', 'cron', 'timezone', 'catch_up', 'input', 'form', 'secret'];

/**
 * The trigger: its type, then its own fields; for a Stripe event, the event type from a searchable
 * list and conditions built from the event object's fields. Issues are matched by their keys under
 * `['trigger']` and shown beside the field they name; the rest at the top.
 */
export function TriggerForm({ trigger, onChange, issues }: TriggerFormProps) {
  const placed = issuesUnder(issues, ['trigger']);
  const type = typeof trigger.type === 'string' ? trigger.type : '';
  const set = (patch: Trigger) => onChange(patched(trigger, patch));
  // Trying another type and coming back finds the trigger as it was (event type, conditions, fields).
  const earlier = useRef<Record<string, Trigger>>({});
  const switchTo = (next: TriggerKind) => {
    earlier.current[type] = trigger;
    onChange(earlier.current[next] ?? newTrigger(next));
  };
  return (
    <div className="builder-form trigger-form">
      <FieldIssues issues={unplacedIssues(placed, OWN_FIELDS)} />
      <fieldset className="fieldset">
        <legend>Starts when</legend>
        <div className="type-choice" role="radiogroup" aria-label="Trigger type">
          {TRIGGER_TYPES.map((choice) => (
            <button
              key={choice.type}
              type="button"
              role="radio"
              aria-checked={type === choice.type}
              className={type === choice.type ? 'type-option active' : 'type-option'}
              onClick={() => type !== choice.type && switchTo(choice.type)}
            >
              <span className="type-option-label">{choice.label}</span>
              <span className="type-option-help">{choice.help}</span>
            </button>
          ))}
        </div>
        <FieldIssues issues={issuesAt(placed, ['type'])} />
      </fieldset>
      <TriggerFields type={type as TriggerKind} trigger={trigger} set={set} placed={placed} />
    </div>
  );
}

function TriggerFields({ type, trigger, set, placed }: { type: TriggerKind; trigger: Trigger; set: (patch: Trigger) => void; placed: PlacedIssue[] }) {
  const text = (key: string) => (typeof trigger[key] === 'string' ? (trigger[key]) : '');
  const rebase = (key: string): PlacedIssue[] => placed.filter(({ rest }) => rest[0] === key).map(({ issue, rest }) => ({ issue, rest: rest.slice(1) }));
  switch (type) {
    case 'event':
      return <EventTriggerFields trigger={trigger} set={set} placed={placed} />;
    case 'schedule':
      return (
        <>
          <FormRow label="Cron schedule" required help="Minute, hour, day of month, month, day of week: 0 9 * * 1 is 09:00 every Monday." issues={issuesAt(placed, ['cron'])}>
            {(id, describedBy) => <input id={id} className="mono" aria-describedby={describedBy} value={text('cron')} onChange={(event) => set({ cron: event.target.value })} />}
          </FormRow>
          <FormRow label="Time zone" help="The IANA zone the schedule is read in, e.g. Europe/Paris." issues={issuesAt(placed, ['timezone'])}>
            {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={text('timezone')} placeholder="UTC" onChange={(event) => set({ timezone: event.target.value || undefined })} />}
          </FormRow>
          <label className="choice">
            <input type="checkbox" checked={trigger.catch_up === true} onChange={(event) => set({ catch_up: event.target.checked || undefined })} /> Run every tick missed while Tollgate was down
          </label>
        </>
      );
    case 'manual':
      return (
        <InputFieldsEditor
          legend="Input fields"
          help="What the person starting a run fills in; each field becomes a variable named by its key."
          fields={Array.isArray(trigger.input) ? (trigger.input as Trigger[]) : []}
          onChange={(input) => set({ input })}
          issues={rebase('input')}
        />
      );
    case 'form':
      return (
        <InputFieldsEditor
          legend="Request form"
          help="The fields of the catalog request form; each becomes a variable named by its key."
          fields={Array.isArray(trigger.form) ? (trigger.form as Trigger[]) : []}
          onChange={(form) => set({ form })}
          issues={rebase('form')}
        />
      );
    case 'webhook':
      return (
        <>
          <FormRow label="Signing secret" help="Deliveries are checked with it; usually {{ env.NAME }} so the secret stays out of the definition." issues={issuesAt(placed, ['secret'])}>
            {(id, describedBy) => <input id={id} className="mono" aria-describedby={describedBy} value={text('secret')} placeholder="{{ env.WEBHOOK_SECRET }}" onChange={(event) => set({ secret: event.target.value || undefined })} />}
          </FormRow>
          <ConditionBuilder
            label="Only when"
            expression={text('when')}
            onChange={(when) => set({ when })}
            fields={triggerOptions(trigger, [])}
            defaultCurrency="usd"
            issues={issuesAt(placed, ['when'])}
            emptyText="Every delivery starts a run."
          />
        </>
      );
    default:
      return <p className="muted">Choose what starts the workflow.</p>;
  }
}

function EventTriggerFields({ trigger, set, placed }: { trigger: Trigger; set: (patch: Trigger) => void; placed: PlacedIssue[] }) {
  const types = eventTypesOf(trigger);
  const first = types[0];
  const eventTypes = useQuery(eventTypesQuery);
  const detail = useQuery({ ...eventTypeQuery(first ?? ''), enabled: first !== undefined });
  const defaultCurrency = eventTypes.data?.default_currency ?? 'usd';
  const fields = triggerOptions(trigger, detail.data?.event_type.fields ?? []);
  const conditionFields = fields.filter((field) => field.path.startsWith('object.') || field.path === 'event.type');
  return (
    <FormScopeContext value={{ variables: fields, stepIds: [], defaultCurrency }}>
      <EventTypeField types={types} onChange={(next) => set({ event: eventValue(next) })} issues={issuesAt(placed, ['event'])} />
      {first !== undefined && (
        <ConditionBuilder
          label="Only when"
          expression={typeof trigger.when === 'string' ? trigger.when : undefined}
          onChange={(when) => set({ when })}
          fields={conditionFields}
          defaultCurrency={defaultCurrency}
          issues={issuesAt(placed, ['when'])}
          emptyText="Every event of this type starts a run. Add a condition to narrow it, e.g. amount is greater than 1,000 USD."
        />
      )}
      {detail.isError && <p className="notice small">The fields of {first} could not be loaded: type the condition by hand with “Write the expression”.</p>}
      <details className="builder-advanced" open={(trigger.account !== undefined && trigger.account !== 'self') || trigger.connector !== undefined || ['account', 'connector'].some((key) => issuesAt(placed, [key]).length > 0)}>
        <summary>Advanced</summary>
        <FormRow label="Whose events" help="The platform account, its connected accounts, or both." issues={issuesAt(placed, ['account'])}>
          {(id, describedBy) => (
            <select id={id} aria-describedby={describedBy} value={typeof trigger.account === 'string' ? trigger.account : 'self'} onChange={(event) => set({ account: event.target.value === 'self' ? undefined : event.target.value })}>
              <option value="self">This account</option>
              <option value="connected">Connected accounts</option>
              <option value="both">Both</option>
            </select>
          )}
        </FormRow>
        <FormRow label="Stripe connector" help="Whose events start the run; default the only Stripe connector." issues={issuesAt(placed, ['connector'])}>
          {(id, describedBy) => <input id={id} aria-describedby={describedBy} value={typeof trigger.connector === 'string' ? trigger.connector : ''} onChange={(event) => set({ connector: event.target.value || undefined })} />}
        </FormRow>
      </details>
    </FormScopeContext>
  );
}
