import type { OperationSpec } from '../definition/operation-spec.ts';
import { emailSendSpec } from './email/index.ts';
import { httpRequestSpec } from './http/http-request-operation.ts';
import { stripeOperationSpecs } from './stripe/index.ts';
import { webhookPostSpec } from './webhook/index.ts';

/** The specs of every operation an action step may `use` in this build, for validating definitions and the reference without a database. */
export function builtInOperationSpecs(): OperationSpec[] {
  return [httpRequestSpec, ...stripeOperationSpecs(), webhookPostSpec, emailSendSpec];
}
