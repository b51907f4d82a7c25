import { Type } from '@sinclair/typebox';
import { agoraOk, dialectPlugin } from '../http/dialect.js';
import { notFound } from '../domain/errors.js';
import { accountByUsername } from '../domain/accounts.js';
import { deliveryStatus, undeliveredCount } from '../domain/delivery.js';

const tags = ['agora'];
const Username = Type.String({ minLength: 1, maxLength: 64, description: 'the account’s log-in name' });
const AppId = Type.String({ maxLength: 64 });

/** The agora dialect (seed 002): offline counts and delivery status, for the app token only. */
export const agoraDialect = dialectPlugin('agora', ['/app-id'], (app, { ctx, appId }) => {
  const requireApp = (requested: string) => {
    if (requested !== appId) throw notFound(`no app ${requested}`);
  };

  app.get(
    '/app-id/:app_id/users/:owner_username/offline_msg_count',
    {
      config: { access: 'app' },
      schema: { tags, params: Type.Object({ app_id: AppId, owner_username: Username }) },
    },
    async (request, reply) => {
      const { app_id, owner_username } = request.params;
      requireApp(app_id);
      return agoraOk(request, reply, { [owner_username]: await undeliveredCount(ctx, owner_username) }, ctx.now());
    },
  );

  app.get(
    '/app-id/:app_id/users/:username/offline_msg_status/:msg_id',
    {
      config: { access: 'app' },
      schema: {
        tags,
        params: Type.Object({
          app_id: AppId,
          username: Username,
          msg_id: Type.String({ minLength: 1, maxLength: 64 }),
        }),
      },
    },
    async (request, reply) => {
      const { app_id, username, msg_id } = request.params;
      requireApp(app_id);
      const user = await accountByUsername(ctx, username);
      return agoraOk(request, reply, { [msg_id]: await deliveryStatus(ctx, user, msg_id) }, ctx.now());
    },
  );
});
