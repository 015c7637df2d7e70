import { Fragment } from 'react';

/**
 * A dotted or snake_case name (an event type such as `payment_intent.succeeded`)
 * that may wrap after its `.` and `_` on a narrow screen instead of inside a
 * word; a piece still too long for its column wraps where it must.
 */
export function BreakableName({ text }: { text: string }) {
  const pieces = text.split(/(?<=[._])/);
  return (
    <>
      {pieces.map((piece, index) => (
        <Fragment key={index}>
          {index > 0 && <wbr />}
          {piece}
        </Fragment>
      ))}
    </>
  );
}
