import type { ApiError } from '../../api/api-error.ts';

/** Above a form of fields (use-fields-form.ts): the error about no one field, and how many fields need attention before `until`. */
export function FieldsFormAlerts({ formError, problems, until }: { formError: ApiError | undefined; problems: ReadonlyMap<string, string>; until: string }) {
  return (
    <>
      {formError !== undefined && (
        <p className="form-error" role="alert">
          {formError.message}
        </p>
      )}
      {problems.size > 0 && (
        <p className="form-error" role="alert">
          {problems.size === 1 ? 'One field needs' : `${problems.size} fields need`} attention before {until}.
        </p>
      )}
    </>
  );
}
