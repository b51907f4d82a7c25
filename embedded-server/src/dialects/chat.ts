import { Type } from '@sinclair/typebox';
import { MESSAGE_TYPES } from '../contract/enums.js';
import { callerOf } from '../http/access.js';
import { chatSeedOk, dialectPlugin, extOk } from '../http/dialect.js';
import { IntegerId, MAX_ID, PageLimit } from '../http/schemas.js';
import { maskedArea } from '../http/client-area.js';
import { invalid } from '../domain/errors.js';
import { chatMessageWire, chatWindowWire } from '../wire/present.js';
import {
  listWindows,
  markWindowRead,
  memberWindow,
  messagesSince,
  openDirectWindow,
  sendMessage,
  windowHistory,
  windowView,
} from '../domain/chat.js';

const tags = ['chat'];
const WindowParams = Type.Object({ cId: IntegerId('the chat window id') });

/** The chat dialect (seed 003) and its extensions: open a window, history, send, read. */
export const chatDialect = dialectPlugin('chat', ['/api/chat'], (app, { ctx }) => {
  const viewerOf = (userId: number) => ({ userId, now: ctx.now() });

  app.get(
    '/api/chat',
    {
      schema: {
        tags,
        querystring: Type.Object({
          type: Type.Union([Type.Literal('all'), Type.Literal('unread'), Type.Literal('group')]),
          page: Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 }),
          pageSize: Type.Integer({ minimum: 1, maximum: 100, default: 10 }),
        }),
      },
    },
    async (request) => {
      const { type, page, pageSize } = request.query;
      const caller = callerOf(request);
      const { total, windows } = listWindows(ctx, caller, type, page, pageSize);
      const viewer = viewerOf(caller.id);
      return chatSeedOk({ page, pageSize, total, list: windows.map((w) => chatWindowWire(w, viewer)) });
    },
  );

  app.post(
    '/api/chat',
    { schema: { tags, body: Type.Object({ toId: IntegerId('the other participant') }) } },
    async (request) => {
      const caller = callerOf(request);
      const window = openDirectWindow(ctx, caller, request.body.toId);
      const view = windowView(ctx, memberWindow(ctx, caller.id, window.id), caller.id);
      return extOk(chatWindowWire(view, viewerOf(caller.id)));
    },
  );

  app.get(
    '/api/chat/:cId/messages',
    {
      schema: {
        tags,
        params: WindowParams,
        querystring: Type.Object({
          before: Type.Optional(IntegerId('the page just before this message id')),
          after: Type.Optional(IntegerId('the page just after this message id')),
          around: Type.Optional(IntegerId('the page around this message id (it included)')),
          limit: PageLimit(50),
        }),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { before, after, around, limit } = request.query;
      const given = [before, after, around].filter((cursor) => cursor !== undefined).length;
      if (given > 1) throw invalid('give at most one of before, after and around');
      const at =
        before !== undefined
          ? { beforeId: before }
          : after !== undefined
            ? { afterId: after }
            : around !== undefined
              ? { aroundId: around }
              : { latest: true as const };
      const { window, messages } = windowHistory(ctx, caller, request.params.cId, limit, at);
      const viewer = viewerOf(caller.id);
      return extOk(messages.map((m) => chatMessageWire(m, window.openerId, viewer)));
    },
  );

  app.post(
    '/api/chat/:cId/messages',
    {
      schema: {
        tags,
        params: WindowParams,
        body: Type.Object({
          message: Type.String({ maxLength: 10_000, default: '', description: 'the text, or a caption' }),
          type: Type.Union(
            MESSAGE_TYPES.map((type) => Type.Literal(type)),
            { default: 'TEXT' },
          ),
          clientMsgId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' }),
          attachmentId: Type.Optional(
            Type.String({ pattern: '^[0-9a-f]{24}$', description: 'from POST /api/attachments' }),
          ),
          voiceLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600, description: 'seconds, for VOICE' })),
        }),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { message: body, type, clientMsgId, attachmentId, voiceLength } = request.body;
      const outgoing = { body, type, clientMsgId, attachmentId, voiceLength, channel: 'PC' as const };
      const sent = await sendMessage(ctx, caller, request.params.cId, {
        ...outgoing,
        fromArea: maskedArea(request.ip),
      });
      const wire = chatMessageWire(sent.message, sent.window.openerId, viewerOf(caller.id));
      return reply.code(sent.created ? 201 : 200).send(extOk(wire));
    },
  );

  app.get(
    '/api/chat/sync',
    {
      schema: {
        tags,
        querystring: Type.Object({
          after: Type.Integer({ minimum: 0, maximum: MAX_ID, description: 'the last message id the client has' }),
          limit: Type.Integer({ minimum: 1, maximum: 500, default: 100 }),
        }),
      },
    },
    async (request) => {
      const { after, limit } = request.query;
      const caller = callerOf(request);
      const viewer = viewerOf(caller.id);
      const missed = messagesSince(ctx, caller, after, limit);
      return extOk(missed.map(({ message, window }) => chatMessageWire(message, window.openerId, viewer)));
    },
  );

  app.post(
    '/api/chat/:cId/read',
    { schema: { tags, params: WindowParams, body: Type.Object({ upTo: IntegerId('the last message id read') }) } },
    async (request) => extOk(markWindowRead(ctx, callerOf(request), request.params.cId, request.body.upTo)),
  );
});
