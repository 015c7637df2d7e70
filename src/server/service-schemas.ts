/** Request and response schemas of the catalog service routes (/api/v1/services), where a service and its offerings are changed. */
import { z } from 'zod';
import { idSchema } from '../definition/value-formats.ts';
import { catalogServiceSchema } from './catalog-schemas.ts';
import { applyResultSchema, issueSchema } from './response-schemas.ts';

export const serviceParams = z.strictObject({ id: z.string().min(1).meta({ description: 'A service id, as its `Service` document names it' }) });

const title = z.string().trim().min(1, 'a title for people, e.g. "Billing operations"').max(200).meta({ description: 'A name for people, e.g. `Billing operations`' });
const description = z.string().trim().max(2000).meta({ description: 'What the service offers, for people' });

export const offeringInputSchema = z
  .strictObject({
    id: idSchema.meta({ description: 'The offering’s id, unique in the service; requests and links name it' }),
    title: z.string().trim().min(1, 'a title for people, e.g. "Goodwill credit"').max(200).optional().meta({ description: 'A name for people, e.g. `Goodwill credit`; left out, the id' }),
    description: z.string().trim().max(2000).optional().meta({ description: 'What a request does, for the people who ask' }),
    workflow: z.string().trim().min(1, 'choose a workflow with a form trigger').max(200).meta({ description: 'The id of the workflow a request runs; it must start by a form trigger (its fields are the offering’s form)' }),
    version: z
      .union([z.number().int().min(1), z.literal('latest')])
      .default('latest')
      .meta({ description: 'The workflow version requests run: a published version with a form trigger, or `latest` (the active version when a request is submitted)' }),
    status: z.enum(['draft', 'published']).default('published').meta({ description: '`published` takes requests; `draft` is kept out of the catalog' }),
  })
  .meta({ description: 'An offering: a workflow’s form that people can request' });

const offerings = z.array(offeringInputSchema).max(200);

export const serviceCreateBody = z
  .strictObject({
    id: idSchema.meta({ description: 'The service’s id; it cannot change later' }),
    title,
    description: description.optional(),
    offerings: offerings.default([]).meta({ description: 'The first offerings, in the order the catalog shows them' }),
  })
  .meta({ description: 'Make a catalog service: a `Service` document is applied' });

export const serviceUpdateBody = z
  .strictObject({
    title: title.optional(),
    description: description.nullable().optional().meta({ description: 'What the service offers; null or empty removes it' }),
    offerings: offerings
      .optional()
      .meta({ description: 'Every offering, in order: one left out is removed (its open requests go on to their end), a new id adds one; left out, the offerings stay' }),
  })
  .refine((body) => body.title !== undefined || body.description !== undefined || body.offerings !== undefined, { message: 'give the title, the description or the offerings to change' })
  .meta({ description: 'Change a service’s title, description or offerings: its `Service` document is re-applied with them' });

export const serviceListResponseSchema = z.object({
  services: z.array(catalogServiceSchema).meta({ description: 'Every service, by id, with every offering: drafts and those that take no requests now too (each says why)' }),
});
export const serviceChangeResponseSchema = z.object({
  service: catalogServiceSchema.meta({ description: 'The service with every offering' }),
  result: applyResultSchema.meta({ description: 'What applying the Service document did' }),
  warnings: z.array(issueSchema).optional(),
});

export type OfferingInputBody = z.output<typeof offeringInputSchema>;
