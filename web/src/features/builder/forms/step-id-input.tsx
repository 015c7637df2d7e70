import { useEffect, useState } from 'react';

/**
 * The step's id, applied when the input loses focus or on Enter: a rename moves what names the step
 * (and the graph node), so it happens once for the finished id, not for each letter typed.
 */
export function StepIdInput({ id, describedBy, value, onChange }: { id: string; describedBy: string | undefined; value: string; onChange: (id: string) => void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const apply = () => {
    if (text.trim() !== value && text.trim() !== '') onChange(text.trim());
    else setText(value);
  };
  return (
    <input
      id={id}
      className="mono"
      aria-describedby={describedBy}
      value={text}
      onChange={(event) => setText(event.target.value)}
      onBlur={apply}
      onKeyDown={(event) => {
        if (event.key === 'Enter') apply();
        if (event.key === 'Escape') setText(value);
      }}
    />
  );
}
