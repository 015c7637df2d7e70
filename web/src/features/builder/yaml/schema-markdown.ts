/**
 * Stands in for codemirror-json-schema's `utils/markdown` (see web/vite.config.ts): that module
 * loads markdown-it and shiki with two themes and a JavaScript grammar, and starts shiki without
 * its WebAssembly engine (an unhandled rejection), all to show schema descriptions. Ours are
 * plain sentences with `code` and the odd **bold**, so this is enough.
 */
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);

/** Markdown of a schema description as HTML: escaped, with `code`, **bold** and line breaks. */
export function renderMarkdown(markdown: string, inline = true): string {
  const html = escapeHtml(markdown.replace(/```[a-z]*\n?([\s\S]*?)```/g, '`$1`'))
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\n/g, '<br>');
  return inline ? html : `<p>${html}</p>`;
}
