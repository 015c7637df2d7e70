import type { AppContext } from '../../application/app-context.ts';
import { changeSavedView, createSavedView, deleteSavedView, listSavedViews, type SavedViewForCaller } from '../../application/saved-views.ts';
import { defineRoute, type ApiRoute } from '../api-route.ts';
import {
  savedViewCreateBody,
  savedViewListQuery,
  savedViewListResponseSchema,
  savedViewParams,
  savedViewResponseSchema,
  savedViewUpdateBody,
  type SavedViewBody,
} from '../saved-view-schemas.ts';

const WHO_CHANGES =
  'Only its owner or an admin may: a view you cannot see (not yours, not shared with a team of yours) answers 404 `saved_view_not_found`, as if it did not exist; ' +
  "one shared with your team that someone else saved answers 403 `saved_view_not_owner`, naming its owner (save your own copy).";

/** Saved views: a person's named filters of the approvals, runs, requests and events pages, theirs or shared with a team of theirs. */
export function savedViewRoutes(app: AppContext): ApiRoute[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/views',
      operationId: 'listSavedViews',
      summary: 'The saved views you can use: your own and those shared with your teams',
      description: 'One page’s (`page`) or every page’s, by page and name. `all=true` lists everyone’s instead (admins only).',
      tag: 'views',
      permission: 'account.self',
      query: savedViewListQuery,
      status: 200,
      response: { description: 'The views', schema: savedViewListResponseSchema },
      async handle({ query, request }) {
        return { views: (await listSavedViews(app, request.caller, { page: query.page, all: query.all === true })).map(serializeSavedView) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/views',
      operationId: 'createSavedView',
      summary: 'Save the filters of a list page under a name, for yourself or shared with a team of yours',
      description:
        'A name you use on the page already (without regard to case) answers 409 `saved_view_name_taken` at `body.name`; a query string with a filter the page does not have, a value it does not take or a broken escape ' +
        '400 `saved_view_query_invalid` at `body.query`; a team you are not a member of 400 `saved_view_team_invalid` at `body.team`. The audit trail records a view shared with a team.',
      tag: 'views',
      permission: 'account.self',
      idempotent: true,
      body: savedViewCreateBody,
      status: 201,
      response: { description: 'The saved view', schema: savedViewResponseSchema },
      errors: [409],
      async handle({ body, request }) {
        return { view: serializeSavedView(await createSavedView(app, request.caller, body)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/views/:id',
      operationId: 'updateSavedView',
      summary: 'Rename a saved view, or change its filters or whom it is shared with',
      description: `${WHO_CHANGES} The checks of a new view apply to what changes.`,
      tag: 'views',
      permission: 'account.self',
      params: savedViewParams,
      body: savedViewUpdateBody,
      status: 200,
      response: { description: 'The view, changed', schema: savedViewResponseSchema },
      errors: [404, 409],
      async handle({ params, body, request }) {
        return { view: serializeSavedView(await changeSavedView(app, request.caller, params.id, body)) };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/views/:id/delete',
      operationId: 'deleteSavedView',
      summary: 'Delete a saved view',
      description: `${WHO_CHANGES} Deleting a view shared with a team takes it from the team too.`,
      tag: 'views',
      permission: 'account.self',
      params: savedViewParams,
      status: 200,
      response: { description: 'The view as it was', schema: savedViewResponseSchema },
      errors: [404],
      async handle({ params, request }) {
        return { view: serializeSavedView(await deleteSavedView(app, request.caller, params.id)) };
      },
    }),
  ];
}

function serializeSavedView(view: SavedViewForCaller): SavedViewBody {
  return {
    id: view.id,
    page: view.page,
    name: view.name,
    query: view.query,
    team: view.teamId,
    owner: view.ownerEmail,
    mine: view.mine,
    can_change: view.changeable,
    created_at: view.createdAt.toISOString(),
    updated_at: view.updatedAt.toISOString(),
  };
}
