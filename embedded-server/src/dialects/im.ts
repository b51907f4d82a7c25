import { Type } from '@sinclair/typebox';
import { ROLES } from '../contract/enums.js';
import { dialectPlugin, imOk } from '../http/dialect.js';
import { imMessageWire } from '../wire/present.js';
import { notFound } from '../domain/errors.js';
import { pollConversation } from '../domain/chat.js';

const tags = ['im'];
/** Seed 004 answers with the newest messages; at most this many per poll. */
export const IM_POLL_LIMIT = 200;
const UserIdText = Type.String({ pattern: '^[1-9][0-9]{0,15}$', description: 'a user id as a decimal string' });

/** The im dialect (seed 004): polling the messages between two users. */
export const imDialect = dialectPlugin('im', ['/api/im'], (app, { ctx, appId }) => {
  app.get(
    '/api/im/getNewestMsgListByLastTime',
    {
      config: { access: 'user-or-app', replyCache: true },
      schema: {
        tags,
        querystring: Type.Object({
          appid: Type.String({ maxLength: 64 }),
          from: UserIdText,
          to: UserIdText,
          fromrole: Type.Union(ROLES.map((role) => Type.Literal(role))),
          lasttime: Type.String({ pattern: '^[0-9]{1,13}$', description: 'a 13-digit ms time; 0 for all' }),
        }),
      },
    },
    async (request) => {
      const { appid, from, to, fromrole, lasttime } = request.query;
      if (appid !== appId) throw notFound(`no app ${appid}`);
      const poll = { fromId: Number(from), toId: Number(to), fromRole: fromrole, afterMs: Number(lasttime) };
      const conversation = await pollConversation(ctx, request.caller ?? 'app', { ...poll, limit: IM_POLL_LIMIT });
      const { from: fromUser, to: toUser } = conversation;
      return imOk(
        conversation.messages.map((m) =>
          m.fromId === fromUser.id
            ? imMessageWire(m, fromUser, toUser, appId)
            : imMessageWire(m, toUser, fromUser, appId),
        ),
      );
    },
  );
});
