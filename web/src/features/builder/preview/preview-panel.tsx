import type { PreviewHighlight } from '../builder-types.ts';

/** PLACEHOLDER (the "preview" helper writes the real one): offers to highlight the first step, to show the wiring. */
export function PreviewPanel(props: { definition: Record<string, unknown>; onPath: (highlight: PreviewHighlight | null) => void }) {
  const first = Array.isArray(props.definition.steps) ? (props.definition.steps[0] as { id?: unknown } | undefined) : undefined;
  const id = typeof first?.id === 'string' ? first.id : null;
  return (
    <div className="card">
      <h2>Preview</h2>
      <p className="muted small">The preview panel is merged from another branch.</p>
      <div className="actions">
        <button type="button" className="button" disabled={id === null} onClick={() => id !== null && props.onPath({ states: { [id]: 'succeeded' }, path: [id] })}>
          Highlight the first step
        </button>
        <button type="button" className="button subtle" onClick={() => props.onPath(null)}>
          Clear
        </button>
      </div>
    </div>
  );
}
