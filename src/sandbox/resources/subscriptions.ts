import { paginate } from '../list-pagination.ts';
import { assertKnownParams, LIST_PARAMS, readString } from '../param-readers.ts';
import { resourceMissing } from '../sandbox-errors.ts';
import { retrieveRoute, type Route } from '../sandbox-route.ts';

/** Subscriptions are read-only in the sandbox, and there are none unless a state file holds some. */
export const subscriptionRoutes: readonly Route[] = [
  {
    method: 'GET',
    path: '/v1/subscriptions',
    handler: (ctx, params) => {
      assertKnownParams(params, [...LIST_PARAMS, 'customer', 'status', 'price']);
      const customer = readString(params, 'customer');
      return paginate(ctx.state.subscriptions.values(), params, {
        url: '/v1/subscriptions',
        kind: 'subscription',
        filter: (subscription) => customer === undefined || subscription.customer === customer,
      });
    },
  },
  retrieveRoute('/v1/subscriptions/:id', (ctx, id) => {
    const subscription = ctx.state.subscriptions.get(id);
    if (subscription === undefined) throw resourceMissing('subscription', id, 'id');
    return subscription;
  }),
];
