import type { BuilderIssue } from '../builder-types.ts';
import { FieldIssues } from './form-row.tsx';
import type { OperationReference } from './reference-types.ts';
import { SearchPicker } from './search-picker.tsx';

const keyOf = (operation: OperationReference) => operation.name;
const groupOf = (operation: OperationReference) => {
  const [connector = '', resource] = operation.name.split('.');
  return connector === 'stripe' && resource !== undefined ? `Stripe ${resource}` : connector.charAt(0).toUpperCase() + connector.slice(1);
};
const wordsOf = (operation: OperationReference) => operation.description;
const detailOf = (operation: OperationReference) => `${operation.moves_money ? 'Moves money · ' : ''}${operation.description}`;

interface OperationFieldProps {
  operations: readonly OperationReference[];
  uses: string;
  picking: boolean;
  onPicking: (picking: boolean) => void;
  onPick: (operation: OperationReference) => void;
  issues: readonly BuilderIssue[];
}

/** The operation an action calls: the chosen one with its description, or a searchable list of every operation. */
export function OperationField({ operations, uses, picking, onPicking, onPick, issues }: OperationFieldProps) {
  const chosen = operations.find((operation) => operation.name === uses);
  return (
    <fieldset className="fieldset operation-field">
      <legend>
        Operation<span className="required-mark" aria-hidden="true">{' *'}</span>
      </legend>
      {uses !== '' && !picking && (
        <div className="operation-chosen">
          <div>
            <p className="mono operation-name">{uses}</p>
            <p className="muted small">{chosen?.description ?? 'Tollgate has no operation by this name.'}</p>
            {chosen?.moves_money && <span className="badge warn">Moves money</span>}
          </div>
          <button type="button" className="button" onClick={() => onPicking(true)}>
            Change
          </button>
        </div>
      )}
      {(picking || uses === '') && (
        <>
          <SearchPicker label="Operations" items={operations} keyOf={keyOf} groupOf={groupOf} wordsOf={wordsOf} detailOf={detailOf} placeholder="Search operations: refund, email, customer update…" onPick={onPick} />
          {uses !== '' && (
            <div className="row">
              <button type="button" className="button subtle" onClick={() => onPicking(false)}>
                Cancel
              </button>
            </div>
          )}
        </>
      )}
      <FieldIssues issues={issues} />
    </fieldset>
  );
}
