/**
 * The step types. Each has one file here with its schema and its descriptor
 * (graph edges, nested steps, expression sites, variables, reference notes);
 * this registry lists them, and the generic definition code reads steps only
 * through it. A new step type is one file here plus one line in each list
 * below (and its handler in src/engine/steps).
 */
import { z } from 'zod';
import { actionStep, actionStepSchema, type ActionStep } from './action-step.ts';
import { approvalStep, approvalStepSchema, type ApprovalStep } from './approval-step.ts';
import { decisionStep, decisionStepSchema, type DecisionStep } from './decision-step.ts';
import { endStep, endStepSchema, type EndStep } from './end-step.ts';
import { foreachStep, foreachStepSchema, type ForeachStep } from './foreach-step.ts';
import { parallelStep, parallelStepSchema, type ParallelStep } from './parallel-step.ts';
import { setStep, setStepSchema, type SetStep } from './set-step.ts';
import type { StepDescriptor } from './step-descriptor.ts';
import { waitStep, waitStepSchema, type WaitStep } from './wait-step.ts';
import { workflowStep, workflowStepSchema, type WorkflowStep } from './workflow-step.ts';

/** The schema of each step type, in the order the published schema and the reference list them. */
function stepSchemas(step: z.ZodType<Step>) {
  return [
    actionStepSchema,
    decisionStepSchema,
    approvalStepSchema,
    waitStepSchema,
    parallelStepSchema(step),
    foreachStepSchema(step),
    setStepSchema,
    workflowStepSchema,
    endStepSchema,
  ] as const;
}

/** A step: the union of the step types' own types (spelled out, since the container types are recursive). */
export type Step =
  | ActionStep
  | DecisionStep
  | ApprovalStep
  | WaitStep
  | ParallelStep
  | ForeachStep
  | SetStep
  | WorkflowStep
  | EndStep;
export type StepType = Step['type'];
/** The step of one type. */
export type StepOf<K extends StepType> = Extract<Step, { type: K }>;

type SchemaStepType = z.infer<ReturnType<typeof stepSchemas>[number]>['type'];
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
/** A step type in `Step` but not in stepSchemas (or the reverse) fails here. */
const _schemasMatchStep: Same<StepType, SchemaStepType> = true;

export const stepSchema: z.ZodType<Step> = z.lazy(() =>
  z.discriminatedUnion('type', stepSchemas(stepSchema)).meta({ description: 'One step of a workflow, chosen by `type`.' }),
);

/** The descriptor of each step type; leaving one out is a compile error. */
export const stepDescriptors = {
  action: actionStep,
  decision: decisionStep,
  approval: approvalStep,
  wait: waitStep,
  parallel: parallelStep,
  foreach: foreachStep,
  set: setStep,
  workflow: workflowStep,
  end: endStep,
} satisfies { [K in StepType]: StepDescriptor<StepOf<K>> };

/** Every step type, in the registry's order. */
export const STEP_TYPES = Object.keys(stepDescriptors) as StepType[];

/** True when `type` names a step type of this build (a stored attempt's type is a plain string). */
export function isStepType(type: string): type is StepType {
  return Object.hasOwn(stepDescriptors, type);
}

/** The descriptor of a step's own type. */
export function stepDescriptor(step: Step): StepDescriptor<Step> {
  // The registry is keyed by type, so the descriptor found is the one for this step's type.
  return stepDescriptors[step.type] as StepDescriptor<Step>;
}

export type { ActionStep, ApprovalStep, DecisionStep, EndStep, ForeachStep, ParallelStep, SetStep, WaitStep, WorkflowStep };
export type { ExpressionSite, NestedStepList, StepDescriptor, StepReference, StepTarget } from './step-descriptor.ts';
