import type { PathKey } from '../definition-issue.ts';
import type { Step } from './index.ts';

/** A step id named by a step field (`otherwise`, `on.approved`, ...) as where to go next. */
export interface StepTarget {
  /** The field, relative to the step: `['next']`, `['branches', 0, 'next']`, `['on', 'rejected']`. */
  keys: PathKey[];
  target: string;
  /** True for `on_error`: the step failed, so its output is not set on this edge. */
  onError: boolean;
}

/** A list of steps directly inside a step: a parallel branch or a foreach body. */
export interface NestedStepList {
  steps: readonly Step[];
  /** Where the list is, e.g. `['steps', 3, 'branches', 0, 'steps']`. */
  keys: PathKey[];
  /** What one run through the list is called: a foreach `iteration`, a parallel `branch`. */
  scope: 'iteration' | 'branch';
}

/**
 * A place in a workflow that holds an expression: a bare expression
 * (conditions, foreach `items`, wait `until`) or a string in a templated value
 * (`with`, `values`, `input`) that may hold `{{ expr }}` parts.
 */
export interface ExpressionSite {
  /** Relative to the step (or to the document, for the trigger). */
  keys: PathKey[];
  text: string;
  form: 'expression' | 'template';
}

/** What the reference pages say about a step type beyond its schema. */
export interface StepReference {
  /** A small workflow, as YAML, showing the step in use. */
  example: string;
  /** What the schema cannot say, such as what the step stores for later steps. */
  notes?: string;
}

/**
 * Everything the generic definition code needs to know about one step type:
 * the graph checks, the expression checks and the variable checks read a step
 * only through its descriptor. Every member is required, so a new type cannot
 * skip a check by leaving one out.
 */
export interface StepDescriptor<S extends Step> {
  /** The step ids it names as where to go, other than `next` (which every step has; see ignoredNextReason). */
  targets: (step: S) => StepTarget[];
  /** Why its `next` is never followed, or undefined when it may be. */
  ignoredNextReason: (step: S) => string | undefined;
  /** The step lists directly inside it; `stepKeys` is where the step is. */
  nestedStepLists: (step: S, stepKeys: PathKey[]) => NestedStepList[];
  /** The expressions and template strings it holds itself (not those of nested steps). */
  expressionSites: (step: S) => ExpressionSite[];
  /** The variables it sets when it succeeds, seen by the steps after it. */
  variables: (step: S) => string[];
  /** The variables only its nested steps see (a foreach item), besides what was set before it. */
  innerVariables: (step: S) => string[];
  reference: StepReference;
}
