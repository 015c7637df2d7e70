import type { FormField } from '../../api/types.ts';

/**
 * The input fields of a definition's manual trigger, as the form shows them (a field's type defaults to
 * text and `required` to false, as the definition format says); null when the workflow starts on
 * something else (an event, a schedule, a form, a webhook).
 */
export function manualInputOf(definition: unknown): FormField[] | null {
  const trigger = (definition as { trigger?: { type?: unknown; input?: unknown } } | null)?.trigger;
  if (trigger?.type !== 'manual') return null;
  const input = Array.isArray(trigger.input) ? (trigger.input as Partial<FormField>[]) : [];
  return input.flatMap((field) => (typeof field.key === 'string' ? [{ ...field, key: field.key, type: field.type ?? 'text', required: field.required ?? false }] : []));
}
