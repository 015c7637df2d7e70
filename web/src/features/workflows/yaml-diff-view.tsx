import { Fragment, useMemo, useState } from 'react';
import type { DiffLine } from './version-changes.ts';

/** Unchanged lines kept around each change; longer unchanged stretches fold. */
const CONTEXT = 3;

type Block = { kind: 'lines'; lines: DiffLine[] } | { kind: 'folded'; lines: DiffLine[]; at: number };

/**
 * A unified line diff as a table: the old and new line numbers, `+`/`−`, the text; added lines
 * green, removed red. Long unchanged stretches fold to a button that shows them.
 */
export function YamlDiffView({ lines, label }: { lines: DiffLine[]; label: string }) {
  const blocks = useMemo(() => foldUnchanged(lines), [lines]);
  const [opened, setOpened] = useState<ReadonlySet<number>>(new Set());
  return (
    <div className="yaml-diff" role="region" aria-label={label} tabIndex={0}>
      <table>
        <tbody>
          {blocks.map((block, index) =>
            block.kind === 'folded' && !opened.has(block.at) ? (
              <tr key={`fold-${block.at}`} className="diff-fold">
                <td colSpan={4}>
                  <button type="button" className="button subtle" onClick={() => setOpened((current) => new Set(current).add(block.at))}>
                    Show {block.lines.length} unchanged lines
                  </button>
                </td>
              </tr>
            ) : (
              <Fragment key={`lines-${index}`}>
                {block.lines.map((line) => (
                  <tr key={`${line.old ?? ''}-${line.new ?? ''}`} className={`diff-${line.kind}`}>
                    <td className="diff-number">{line.old ?? ''}</td>
                    <td className="diff-number">{line.new ?? ''}</td>
                    <td className="diff-sign" aria-label={line.kind === 'same' ? undefined : line.kind}>
                      {line.kind === 'added' ? '+' : line.kind === 'removed' ? '−' : ''}
                    </td>
                    <td className="diff-text">{line.text}</td>
                  </tr>
                ))}
              </Fragment>
            ),
          )}
        </tbody>
      </table>
    </div>
  );
}

function foldUnchanged(lines: DiffLine[]): Block[] {
  const near = lines.map((_, index) => lines.slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1).some((line) => line.kind !== 'same'));
  const blocks: Block[] = [];
  let index = 0;
  while (index < lines.length) {
    const start = index;
    const keep = near[index] === true;
    while (index < lines.length && (near[index] === true) === keep) index += 1;
    const run = lines.slice(start, index);
    // Folding two or three lines saves nothing: show them.
    blocks.push(keep || run.length <= CONTEXT ? { kind: 'lines', lines: run } : { kind: 'folded', lines: run, at: start });
  }
  return blocks;
}
