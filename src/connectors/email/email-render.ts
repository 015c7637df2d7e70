import { PermanentError } from '../../core/errors.ts';
import { escapeHtml } from './html-escape.ts';

/** One row of the "Append body" table: a label and its value. */
export interface EmailField {
  label: string;
  value: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
  fields: EmailField[];
}

/**
 * Renders an email's content without sending it (also behind the builder's
 * Preview): the subject on one line, a plain-text part, and an HTML part in
 * which every value is escaped. `fields` are appended like Stripe Workflows'
 * "Append body": `label: value` lines in the text, a two-column table in the
 * HTML. Values that are not strings are shown as JSON.
 *
 * ```ts
 * renderEmail({ subject: 'Refund', body: 'Done.', fields: [{ label: 'Amount', value: '$10.00' }] });
 * ```
 */
export function renderEmail(input: { subject: unknown; body?: unknown; fields?: unknown }): RenderedEmail {
  if (typeof input.subject !== 'string' || input.subject.trim() === '') {
    throw new PermanentError('email_subject_missing', 'with.subject: give the email a subject (a non-empty text)', { path: 'with.subject' });
  }
  // A line break in a header would end it: the subject stays on one line.
  const subject = input.subject.replace(/\s*[\r\n]+\s*/g, ' ').trim();
  const body = input.body === undefined || input.body === null ? '' : display(input.body);
  const fields = readFields(input.fields);
  return { subject, text: renderText(body, fields), html: renderHtml(subject, body, fields), fields };
}

function readFields(value: unknown): EmailField[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    throw new PermanentError('email_fields_invalid', 'with.fields: expected a list of {label, value}', { path: 'with.fields' });
  }
  return value.map((item: unknown, index) => {
    const path = `with.fields[${index}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      throw new PermanentError('email_fields_invalid', `${path}: expected {label, value}, got ${JSON.stringify(item)}`, { path });
    }
    const { label, value: fieldValue } = item as { label?: unknown; value?: unknown };
    if (typeof label !== 'string' || label.trim() === '') {
      throw new PermanentError('email_fields_invalid', `${path}.label: give each field a label (a non-empty text)`, { path: `${path}.label` });
    }
    return { label: label.trim(), value: fieldValue === undefined || fieldValue === null ? '' : display(fieldValue) };
  });
}

function display(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value, null, 2);
}

function renderText(body: string, fields: EmailField[]): string {
  const lines = fields.map((field) => `${field.label}: ${field.value}`);
  const parts = [body.trimEnd(), lines.join('\n')].filter((part) => part !== '');
  return `${parts.join('\n\n')}\n`;
}

/** A web address in a body: http(s), up to a space, a quote or an angle bracket, less the punctuation that ends a sentence. */
const WEB_ADDRESS = /https?:\/\/[^\s<>"']+?(?=[.,;:!?)]*(?:[\s<>"']|$))/g;

/** `text` escaped, with each web address in it a link (escaped too). */
function withLinks(text: string): string {
  let html = '';
  let from = 0;
  for (const match of text.matchAll(WEB_ADDRESS)) {
    const url = escapeHtml(match[0]);
    html += `${escapeHtml(text.slice(from, match.index))}<a href="${url}">${url}</a>`;
    from = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(from));
}

function renderHtml(subject: string, body: string, fields: EmailField[]): string {
  const paragraphs = body
    .split(/\r?\n\s*\r?\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '')
    .map((paragraph) => `<p style="margin:0 0 12px;overflow-wrap:anywhere">${withLinks(paragraph).replace(/\r?\n/g, '<br>\n')}</p>`);
  const table =
    fields.length === 0
      ? ''
      : [
          '<table role="presentation" style="border-collapse:collapse;margin-top:8px">',
          ...fields.map(
            (field) =>
              `<tr><th align="left" style="padding:4px 12px 4px 0;color:#555;font-weight:600;vertical-align:top">${escapeHtml(field.label)}</th>` +
              `<td style="padding:4px 0;white-space:pre-wrap;overflow-wrap:anywhere">${escapeHtml(field.value)}</td></tr>`,
          ),
          '</table>',
        ].join('\n');
  return [
    '<!doctype html>',
    `<html><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;font-size:14px;color:#1a1a1a">',
    ...paragraphs,
    table,
    '</body></html>',
    '',
  ]
    .filter((line, index, all) => line !== '' || index === all.length - 1)
    .join('\n');
}
