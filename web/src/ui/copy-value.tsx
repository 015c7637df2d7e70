import { Fragment, useRef, useState } from 'react';

/** Copies `value` to the clipboard; `copied` says how the last try went (a page over plain http to another host may be refused). */
export function useCopy(value: string): { copied: 'yes' | 'failed' | undefined; copy: () => Promise<boolean> } {
  const [copied, setCopied] = useState<'yes' | 'failed' | undefined>();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setCopied('yes');
      return true;
    } catch {
      setCopied('failed');
      return false;
    }
  };
  return { copied, copy };
}

/**
 * A value to paste elsewhere (a URL, an id), whole, with a Copy button; `label` names what the button copies
 * ("Copy the inbound URL"). When the browser refuses to copy, the value is selected for copying by hand.
 */
export function CopyValue({ value, label }: { value: string; label: string }) {
  const { copied, copy } = useCopy(value);
  const shown = useRef<HTMLElement>(null);
  const copyOrSelect = async () => {
    if (!(await copy()) && shown.current !== null) window.getSelection()?.selectAllChildren(shown.current);
  };
  return (
    <div className="copy-value">
      <code ref={shown}>
        {/* A URL wraps after its slashes before it wraps inside a word. */}
        {value.split(/(?<=\/)/).map((piece, index) => (
          <Fragment key={index}>
            {index > 0 && <wbr />}
            {piece}
          </Fragment>
        ))}
      </code>
      <button type="button" className="button" onClick={() => void copyOrSelect()} aria-label={label}>
        {copied === 'yes' ? 'Copied' : 'Copy'}
      </button>
      {copied === 'failed' && <p className="field-error">The browser did not allow copying: the text is selected, copy it with Ctrl+C (⌘C).</p>}
    </div>
  );
}
