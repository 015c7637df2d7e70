/** Request and response schemas of the saved view routes (/api/v1/views). */
import { z } from 'zod';
import { WITHIN_CHOICES } from '../core/relative-window.ts';
import { MAX_VIEW_QUERY_LENGTH, VIEW_PAGE_FILTERS, VIEW_PAGES } from '../core/saved-view-pages.ts';
import { idSchema } from '../definition/value-formats.ts';

const filtersOfEachPage = VIEW_PAGES.map((page) => `${page}: ${VIEW_PAGE_FILTERS[page].map((filter) => `\`${filter.key}\``).join(', ')}`).join('; ');

const page = z.enum(VIEW_PAGES).meta({ description: 'The list page the view filters: `approvals` (the inbox), `runs`, `requests` or `events`' });

const name = z
  .string()
  .trim()
  .min(1, 'a name for people, e.g. "Failed refunds today"')
  .max(100)
  .meta({ description: 'What to call the view, e.g. `Finance, largest first`; unique per owner and page, without regard to case' });

// The query's filters depend on the page, which a change does not repeat: the use case checks them (saved_view_query_invalid at body.query).
const query = z
  .string()
  .max(MAX_VIEW_QUERY_LENGTH)
  .meta({
    description:
      `The page's query string, without the \`?\`, as the page writes it in its URL (\`status=failed&workflow=customer-refund\`); empty: the page unfiltered. ` +
      `Only the page's own filters, each once: ${filtersOfEachPage}. A filter that is a choice (a status) takes only its values. \`within\` (runs, events) is a relative window, one of ${WITHIN_CHOICES.map((choice) => `\`${choice.value}\``).join(', ')} back from whenever the view is opened, given instead of \`from\` and \`to\`, not with them. At most ${MAX_VIEW_QUERY_LENGTH} characters.`,
  });

const team = idSchema.max(200).meta({ description: 'A team you are a member of, to share the view with its members' });

export const savedViewListQuery = z.strictObject({
  page: page.optional(),
  all: z.stringbool().optional().meta({ description: "Everyone's views, not only those you can use (admins only)" }),
});

export const savedViewParams = z.strictObject({ id: z.string().min(1).max(100).meta({ description: 'A saved view id, `view_...`' }) });

export const savedViewCreateBody = z
  .strictObject({ page, name, query, team: team.nullable().default(null).meta({ description: 'A team you are a member of, to share the view with; left out or null: yours alone' }) })
  .meta({ description: 'Save the filters of a list page under a name, for yourself or for a team of yours' });

export const savedViewUpdateBody = z
  .strictObject({
    name: name.optional(),
    query: query.optional(),
    team: team.nullable().optional().meta({ description: 'A team you are a member of, to share the view with; null: no longer shared' }),
  })
  .refine((body) => body.name !== undefined || body.query !== undefined || body.team !== undefined, { message: 'give the name, the query or the team to change' })
  .meta({ description: "Rename a view, or change its filters or whom it is shared with; the view's page stays" });

export const savedViewSchema = z.object({
  id: z.string().meta({ description: '`view_...`' }),
  page,
  name: z.string(),
  query: z.string().meta({ description: 'The page query string, without the `?`: open `/<page>?<query>` to apply it' }),
  team: z.string().nullable().meta({ description: 'The team it is shared with; null: its owner’s alone' }),
  owner: z.string().meta({ description: 'The email of the person who saved it' }),
  mine: z.boolean().meta({ description: 'You saved it' }),
  can_change: z.boolean().meta({ description: 'You may rename, change or delete it: its owner, or an admin' }),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});

export const savedViewListResponseSchema = z.object({
  views: z.array(savedViewSchema).meta({ description: 'By page, then name: your own and those shared with your teams' }),
});

export const savedViewResponseSchema = z.object({ view: savedViewSchema });

export const savedViewRequestComponents = {
  SavedViewCreateRequest: savedViewCreateBody,
  SavedViewUpdateRequest: savedViewUpdateBody,
} as const;

export const savedViewResponseComponents = {
  SavedView: savedViewSchema,
  SavedViewListResponse: savedViewListResponseSchema,
  SavedViewResponse: savedViewResponseSchema,
} as const;

export type SavedViewBody = z.output<typeof savedViewSchema>;
