import type { ActionStep } from '../../definition/schema.ts';
import type { EngineContext } from '../engine-context.ts';
import type { Operation, ResolvedConnector } from '../operation.ts';

/** The connector an action step calls its operation with: the one it names, or the only one of the type; none for an operation without connectors. */
export function stepConnector(engine: Pick<EngineContext, 'connectors'>, step: ActionStep, operation: Operation): Promise<ResolvedConnector | undefined> {
  const spec = operation.spec;
  if (spec.connectorType === null) return Promise.resolve(undefined);
  return engine.connectors.resolve({
    type: spec.connectorType,
    name: step.connector,
    optional: spec.connectorOptional ?? false,
    ...(spec.connectorEnvOptional === undefined ? {} : { envOptional: spec.connectorEnvOptional }),
  });
}
