import { InvalidInputError } from '../core/errors.ts';
import { suggestion } from '../definition/did-you-mean.ts';
import type { OperationSpec } from '../definition/operation-spec.ts';
import { referenceOperations } from './operation-page.ts';
import { referenceTopics, type ReferenceTopic } from './reference-topics.ts';

/**
 * The operation named `name`.
 * @throws InvalidInputError `operation_unknown`, with the closest name when there is one.
 */
export function findOperation(name: string): OperationSpec {
  const specs = referenceOperations();
  const spec = specs.find((candidate) => candidate.name === name);
  if (spec !== undefined) return spec;
  const names = specs.map((candidate) => candidate.name);
  throw new InvalidInputError('operation_unknown', `no operation "${name}"${suggestion(name, names)}; \`tollgate operations\` lists them`, [], { path: 'name' });
}

/**
 * The topic named `name`: a trigger or step type, or a page such as `variables`.
 * @throws InvalidInputError `topic_unknown`, with the closest topic when there is one.
 */
export function findTopic(name: string): ReferenceTopic {
  const topics = referenceTopics();
  const topic = topics.find((candidate) => candidate.name === name);
  if (topic !== undefined) return topic;
  const names = topics.map((candidate) => candidate.name);
  throw new InvalidInputError('topic_unknown', `no topic "${name}"${suggestion(name, names)}; the topics are ${names.join(', ')}`, [], { path: 'topic' });
}
