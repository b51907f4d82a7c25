import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { agoraOk } from '../http/dialects.js';
import { notFound } from '../domain/errors.js';
import { deliveryStatus, undeliveredCount } from '../domain/delivery.js';
import type { DomainContext } from '../domain/context.js';
import { typed, type RouteDeps } from './deps.js';

const tags = ['agora'];
const Username = Type.String({ minLength: 1, maxLength: 64, description: 'the account’s log-in name' });

/** The agora dialect (seed 002): offline counts and delivery status, for the app token only. */
export function registerAgoraRoutes(server: FastifyInstance, { ctx, appId }: RouteDeps) {
  const app = typed(server);

  function requireAccount(ctx: DomainContext, requestedAppId: string, username: string) {
    if (requestedAppId !== appId) throw notFound(`no app ${requestedAppId}`);
    const user = ctx.store.users.byUsername(username);
    if (!user) throw notFound(`no user ${username}`);
    return user;
  }

  app.get(
    '/app-id/:app_id/users/:owner_username/offline_msg_count',
    {
      config: { access: 'app' },
      schema: { tags, params: Type.Object({ app_id: Type.String({ maxLength: 64 }), owner_username: Username }) },
    },
    async (request, reply) => {
      const { app_id, owner_username } = request.params;
      const user = requireAccount(ctx, app_id, owner_username);
      return agoraOk(request, reply, { [owner_username]: undeliveredCount(ctx, user) });
    },
  );

  app.get(
    '/app-id/:app_id/users/:username/offline_msg_status/:msg_id',
    {
      config: { access: 'app' },
      schema: {
        tags,
        params: Type.Object({
          app_id: Type.String({ maxLength: 64 }),
          username: Username,
          msg_id: Type.String({ minLength: 1, maxLength: 64 }),
        }),
      },
    },
    async (request, reply) => {
      const { app_id, username, msg_id } = request.params;
      const user = requireAccount(ctx, app_id, username);
      return agoraOk(request, reply, { [msg_id]: deliveryStatus(ctx, user, msg_id) });
    },
  );
}
