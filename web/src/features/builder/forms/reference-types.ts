/**
 * The reference API's answers the builder forms pick from, as `api/types.ts` infers them from the
 * server's schemas: one definition, so a renamed field breaks the typecheck here too.
 */
import type { EventTypeList, EventTypeReference, OperationReference } from '../../../api/types.ts';

export type { OperationReference, ReferenceField } from '../../../api/types.ts';
export type OperationParam = OperationReference['params'][number];
export type EventTypeSummary = EventTypeList['event_types'][number];
export type EventTypeDetail = EventTypeReference;
