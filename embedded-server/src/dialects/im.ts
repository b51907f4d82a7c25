import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { imOk } from '../http/dialects.js';
import { imMessageWire } from '../http/wire.js';
import { forbidden, invalid, notFound } from '../domain/errors.js';
import { messagesBetween } from '../domain/chat.js';
import { typed, type RouteDeps } from './deps.js';

const tags = ['im'];
/** Seed 004 answers with the newest messages; at most this many per poll. */
export const IM_POLL_LIMIT = 200;
const UserIdText = Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'a user id as a decimal string' });

/** The im dialect (seed 004): polling the messages between two users. */
export function registerImRoutes(server: FastifyInstance, { ctx, appId }: RouteDeps) {
  const app = typed(server);

  app.get(
    '/api/im/getNewestMsgListByLastTime',
    {
      config: { access: 'user-or-app' },
      schema: {
        tags,
        querystring: Type.Object({
          appid: Type.String({ maxLength: 64 }),
          from: UserIdText,
          to: UserIdText,
          fromrole: Type.Union([Type.Literal('MEMBER'), Type.Literal('SALER')]),
          lasttime: Type.String({ pattern: '^[0-9]{1,13}$', description: 'a 13-digit ms time; 0 for all' }),
        }),
      },
    },
    async (request) => {
      const { appid, from, to, fromrole, lasttime } = request.query;
      if (appid !== appId) throw notFound(`no app ${appid}`);
      const caller = request.caller;
      if (caller && String(caller.id) !== from) throw forbidden('from must be the signed-in user');
      const fromUser = ctx.store.users.byId(Number(from));
      if (!fromUser) throw notFound(`no user ${from}`);
      const toUser = ctx.store.users.byId(Number(to));
      if (!toUser) throw notFound(`no user ${to}`);
      if (fromUser.role !== fromrole) throw invalid(`fromrole: user ${from} is ${fromUser.role}`);
      const messages = messagesBetween(ctx, fromUser, toUser, Number(lasttime), IM_POLL_LIMIT);
      return imOk(
        messages.map((m) =>
          m.fromId === fromUser.id
            ? imMessageWire(m, fromUser, toUser, appId)
            : imMessageWire(m, toUser, fromUser, appId),
        ),
      );
    },
  );
}
