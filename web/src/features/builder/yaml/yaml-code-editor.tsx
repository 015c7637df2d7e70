import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap } from '@codemirror/autocomplete';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { yaml, yamlLanguage } from '@codemirror/lang-yaml';
import { bracketMatching, defaultHighlightStyle, foldGutter, foldKeymap, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { forceLinting, lintGutter, linter, lintKeymap, type Diagnostic } from '@codemirror/lint';
import { EditorState, StateEffect, StateField } from '@codemirror/state';
import { EditorView, highlightActiveLine, highlightActiveLineGutter, hoverTooltip, keymap, lineNumbers } from '@codemirror/view';
import { useQuery } from '@tanstack/react-query';
import { handleRefresh, stateExtensions, updateSchema } from 'codemirror-json-schema';
import { yamlCompletion, yamlSchemaHover, yamlSchemaLinter } from 'codemirror-json-schema/yaml';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { BuilderIssue } from '../builder-types.ts';
import { definitionSchemaQuery, workflowJsonSchema } from './workflow-json-schema.ts';
import { definitionToYaml, parseYamlText, rangeOfKeys, sameDefinition, smallestEdit } from './yaml-text.ts';

export interface YamlEditorProps {
  definition: Record<string, unknown>;
  onChange: (definition: Record<string, unknown>) => void;
  issues: BuilderIssue[];
}

const setIssues = StateEffect.define<BuilderIssue[]>();
const issuesField = StateField.define<BuilderIssue[]>({
  create: () => [],
  update: (issues, transaction) => transaction.effects.reduce((current, effect) => (effect.is(setIssues) ? effect.value : current), issues),
});

/** The text's own problems: a syntax error, or else the builder's issues placed by their keys. */
function textDiagnostics(view: EditorView): Diagnostic[] {
  const text = view.state.doc.toString();
  const clamp = (position: number) => Math.min(Math.max(position, 0), text.length);
  const parsed = parseYamlText(text);
  if (!parsed.ok) return [{ from: clamp(parsed.range.from), to: clamp(parsed.range.to), severity: 'error', source: 'YAML', message: parsed.message }];
  return view.state.field(issuesField).flatMap((issue): Diagnostic[] => {
    const place = rangeOfKeys(text, issue.keys);
    if (place === null) return [];
    // A missing field is shown on the nearest place that exists, so say which field it is about.
    const message = place.exact || issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`;
    return [{ from: clamp(place.range.from), to: clamp(place.range.to), severity: issue.severity, source: 'Tollgate', message }];
  });
}

type SchemaError = Parameters<NonNullable<NonNullable<Parameters<typeof yamlSchemaLinter>[0]>['formatError']>>[0];

/**
 * A trigger or step matches one branch of the schema's `oneOf` (one per type); json-schema-library
 * then reports only "does not match any oneOf schema" with the whole value. Say what it means instead.
 */
function schemaErrorMessage(error: SchemaError): string {
  const data = (error.data ?? {}) as { pointer?: unknown; value?: unknown };
  if (error.code === 'one-of-error') {
    let type: unknown;
    try {
      type = typeof data.value === 'string' ? (JSON.parse(data.value) as { type?: unknown }).type : undefined;
    } catch {
      type = undefined;
    }
    const where = typeof data.pointer === 'string' ? data.pointer.replace(/^#\/?/, '').replaceAll('/', '.') : '';
    const subject = where === '' ? 'This' : `\`${where}\``;
    return typeof type === 'string'
      ? `${subject} does not fit type \`${type}\`: a field is missing, misspelt or of the wrong type (hover a field for help).`
      : `${subject} matches none of the allowed shapes: give it a \`type\`.`;
  }
  return error.message.replaceAll('in `#` ', '').replaceAll('at `#`', '').replaceAll('/', '.').replaceAll('#.', '');
}

const editorTheme = EditorView.theme({
  '&': { height: '100%', fontSize: '13px', backgroundColor: 'var(--surface)' },
  '.cm-scroller': { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', lineHeight: '1.5' },
  '&.cm-focused': { outline: 'none' },
  '.cm-gutters': { backgroundColor: 'var(--surface-2)', borderRight: '1px solid var(--border)', color: 'var(--text-2)' },
  '.cm-tooltip.cm-tooltip-hover, .cm-tooltip-lint': { maxWidth: '480px' },
});

/**
 * The definition as YAML in CodeMirror 6, both ways: typing text that parses calls `onChange`
 * with the new object; a `definition` changed elsewhere (the graph, a form) rewrites only the part
 * of the text that differs, so the cursor stays. Text that does not parse is kept as typed, its
 * error underlined, and the builder keeps the last definition that parsed. Completion, hover help
 * and schema errors come from the published JSON Schema's Workflow part; the builder's issues are
 * underlined where their keys point.
 */
export function YamlCodeEditor({ definition, onChange, issues }: YamlEditorProps) {
  const host = useRef<HTMLDivElement>(null);
  const view = useRef<EditorView | null>(null);
  const notify = useRef(onChange);
  notify.current = onChange;
  // The definition the text stands for: what it last parsed to, or what it was last written from.
  const shown = useRef(definition);
  const [syntaxError, setSyntaxError] = useState<string | null>(null);
  const [missedOutsideChange, setMissedOutsideChange] = useState(false);
  const documentSchema = useQuery(definitionSchemaQuery);
  const schema = useMemo(() => (documentSchema.data === undefined ? null : workflowJsonSchema(documentSchema.data)), [documentSchema.data]);

  useEffect(() => {
    if (host.current === null) return undefined;
    const editor = new EditorView({
      parent: host.current,
      state: EditorState.create({
        doc: definitionToYaml(shown.current),
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          foldGutter(),
          lintGutter(),
          history(),
          indentOnInput(),
          bracketMatching(),
          closeBrackets(),
          highlightActiveLine(),
          syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
          keymap.of([indentWithTab, ...closeBracketsKeymap, ...defaultKeymap, ...historyKeymap, ...foldKeymap, ...completionKeymap, ...lintKeymap]),
          yaml(),
          autocompletion(),
          yamlLanguage.data.of({ autocomplete: yamlCompletion() }),
          hoverTooltip(yamlSchemaHover()),
          stateExtensions(undefined),
          issuesField,
          linter(yamlSchemaLinter({ formatError: schemaErrorMessage }), { needsRefresh: handleRefresh, delay: 400 }),
          linter(textDiagnostics, { needsRefresh: (update) => update.transactions.some((transaction) => transaction.effects.some((effect) => effect.is(setIssues))), delay: 250 }),
          editorTheme,
          EditorView.contentAttributes.of({ 'aria-label': 'The workflow definition as YAML' }),
          EditorView.updateListener.of((update) => {
            if (!update.docChanged) return;
            const parsed = parseYamlText(update.state.doc.toString());
            if (!parsed.ok) {
              setSyntaxError(parsed.message);
              return;
            }
            setSyntaxError(null);
            setMissedOutsideChange(false);
            if (sameDefinition(parsed.definition, shown.current)) return;
            shown.current = parsed.definition;
            notify.current(parsed.definition);
          }),
        ],
      }),
    });
    view.current = editor;
    return () => {
      editor.destroy();
      view.current = null;
    };
  }, []);

  useEffect(() => {
    const editor = view.current;
    if (editor === null || sameDefinition(definition, shown.current)) return;
    if (!parseYamlText(editor.state.doc.toString()).ok) {
      // Rewriting the text now would throw away what the person is typing.
      setMissedOutsideChange(true);
      return;
    }
    shown.current = definition;
    const edit = smallestEdit(editor.state.doc.toString(), definitionToYaml(definition));
    if (edit !== null) editor.dispatch({ changes: edit });
  }, [definition]);

  useEffect(() => {
    const editor = view.current;
    if (editor === null) return;
    editor.dispatch({ effects: setIssues.of(issues) });
    forceLinting(editor);
  }, [issues]);

  useEffect(() => {
    if (view.current !== null && schema !== null) updateSchema(view.current, schema);
  }, [schema]);

  const replaceText = () => {
    const editor = view.current;
    if (editor === null) return;
    shown.current = definition;
    editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: definitionToYaml(definition) } });
  };

  return (
    <div className="yaml-editor">
      <div className="yaml-editor-host" ref={host} />
      <div className="yaml-editor-status" role="status">
        {syntaxError === null ? (
          <span className="muted">{documentSchema.isError ? 'The schema could not be loaded: no completion or schema hints.' : 'YAML and graph are in step. Ctrl+Space completes from the schema.'}</span>
        ) : (
          <span className="bad-text">
            The text does not parse: {syntaxError} The graph keeps the last version that parsed; your text is kept as typed.
          </span>
        )}
      </div>
      {missedOutsideChange && syntaxError !== null && (
        <div className="yaml-editor-notice" role="alert">
          <span>The definition was changed elsewhere while this text does not parse, so the change is not shown here.</span>
          <button type="button" className="button" onClick={replaceText}>
            Discard my text and show the current definition
          </button>
        </div>
      )}
    </div>
  );
}
