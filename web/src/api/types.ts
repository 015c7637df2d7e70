/**
 * The API's answer types, inferred from the server's own zod schemas (type-only imports: nothing
 * of the server is bundled). One definition: a renamed field breaks the web app's typecheck.
 */
import type { z } from 'zod';
import type { meResponseSchema, userSchema } from '../../../src/server/identity-schemas.ts';

export type Me = z.infer<typeof meResponseSchema>;
export type User = z.infer<typeof userSchema>;
// catalog
import type { catalogResponseSchema, offeringResponseSchema, requestDetailResponseSchema, requestListResponseSchema, submitRequestResponseSchema } from '../../../src/server/catalog-schemas.ts';
import type { requestTimelineResponseSchema } from '../../../src/server/request-timeline-schemas.ts';
export type CatalogResponse = z.infer<typeof catalogResponseSchema>;
export type Offering = z.infer<typeof offeringResponseSchema>['offering'];
export type FormField = Offering['form'][number];
export type SubmitRequestResponse = z.infer<typeof submitRequestResponseSchema>;
export type RequestList = z.infer<typeof requestListResponseSchema>;
export type CatalogRequest = RequestList['requests'][number];
export type RequestDetailResponse = z.infer<typeof requestDetailResponseSchema>;
export type RequestTimeline = z.infer<typeof requestTimelineResponseSchema>;
export type TimelineEntry = RequestTimeline['timeline'][number];
