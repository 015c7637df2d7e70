import { createContext, useContext } from 'react';
import type { VariableOption } from './variable-options.ts';

/** What every input of one form may offer: the variables in scope, the step ids, the account's currency. */
export interface FormScope {
  variables: readonly VariableOption[];
  stepIds: readonly string[];
  defaultCurrency: string;
}

export const FormScopeContext = createContext<FormScope>({ variables: [], stepIds: [], defaultCurrency: 'usd' });

export function useFormScope(): FormScope {
  return useContext(FormScopeContext);
}
