import { randomUUID } from 'node:crypto';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { MENTION_ALL, SENT_MESSAGE_TYPES } from '../contract/enums.js';
import { callerOf } from '../http/access.js';
import { chatSeedOk, dialectPlugin, extOk } from '../http/dialect.js';
import { IntegerId, MAX_ID, PageLimit } from '../http/schemas.js';
import { maskedArea } from '../http/client-area.js';
import { invalid, tooMany } from '../domain/errors.js';
import { editMessage, hideMessage, messageReceipts, recallMessage, setReaction } from '../domain/message-actions.js';
import type { MessageView } from '../domain/message-views.js';
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
export const chatDialect = dialectPlugin('chat', ['/api/chat'], (app, { ctx, sends }) => {
  /** Who the answer is built for: signed attachment URLs are for the caller's own session. */
  const viewerOf = (request: FastifyRequest) => ({
    userId: callerOf(request).id,
    sessionId: request.session!.id,
    now: ctx.now(),
  });

  app.get(
    '/api/chat',
    {
      config: { replyCache: true },
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
      const { total, windows } = await listWindows(ctx, caller, type, page, pageSize);
      const viewer = viewerOf(request);
      return chatSeedOk({ page, pageSize, total, list: windows.map((w) => chatWindowWire(w, viewer)) });
    },
  );

  app.post(
    '/api/chat',
    { schema: { tags, body: Type.Object({ toId: IntegerId('the other participant') }) } },
    async (request) => {
      const caller = callerOf(request);
      const window = await openDirectWindow(ctx, caller, request.body.toId);
      const view = await windowView(ctx, await memberWindow(ctx, caller.id, window.id), caller.id);
      return extOk(chatWindowWire(view, viewerOf(request)));
    },
  );

  app.get(
    '/api/chat/:cId/messages',
    {
      config: { replyCache: true },
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
      const { window, messages } = await windowHistory(ctx, caller, request.params.cId, limit, at);
      const viewer = viewerOf(request);
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
            SENT_MESSAGE_TYPES.map((type) => Type.Literal(type)),
            { default: 'TEXT' },
          ),
          clientMsgId: Type.Optional(
            Type.String({
              minLength: 1,
              maxLength: 64,
              pattern: '^[\\x21-\\x7e]+$',
              description: 'makes a retry safe: the same id sends once (one is made up when absent)',
            }),
          ),
          attachmentId: Type.Optional(
            Type.String({ pattern: '^[0-9a-f]{24}$', description: 'from POST /api/attachments' }),
          ),
          voiceLength: Type.Optional(Type.Integer({ minimum: 1, maximum: 3600, description: 'seconds, for VOICE' })),
          fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'for FILE' })),
          replyTo: Type.Optional(IntegerId('the message of this window it answers')),
          forwardOf: Type.Optional(IntegerId('a message (any window of yours) whose content it copies')),
          mentions: Type.Optional(
            Type.Array(Type.Union([IntegerId('a member'), Type.Literal(MENTION_ALL)]), {
              maxItems: 200,
              description: 'group chats: members mentioned, or "all" (the project owner only)',
            }),
          ),
        }),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      // Every send counts, a reply or a forward too (and a retry: it costs the server the same).
      const waitMs = sends?.take(`user:${caller.id}`, ctx.now()) ?? 0;
      if (waitMs > 0) throw tooMany('too many messages; slow down', waitMs);
      const { message: body, clientMsgId, ...rest } = request.body;
      // Without an id of its own a send is still recorded under one, but a retry is a new message.
      const outgoing = {
        ...rest,
        body,
        clientMsgId: clientMsgId ?? `server-${randomUUID()}`,
        channel: 'PC' as const,
        fromArea: maskedArea(request.ip),
      };
      const sent = await sendMessage(ctx, caller, request.params.cId, outgoing);
      const wire = chatMessageWire(sent.view, sent.window.openerId, viewerOf(request));
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
      const viewer = viewerOf(request);
      const missed = await messagesSince(ctx, caller, after, limit);
      return extOk(missed.map(({ message, window }) => chatMessageWire(message, window.openerId, viewer)));
    },
  );

  const MessageParams = Type.Object({ cId: IntegerId('the chat window id'), id: IntegerId('the message id') });
  /** A message as the caller now sees it, in the window they named. */
  const answer = async (request: FastifyRequest, windowId: number, view: MessageView) =>
    extOk(chatMessageWire(view, (await memberWindow(ctx, callerOf(request).id, windowId)).openerId, viewerOf(request)));

  app.post('/api/chat/:cId/messages/:id/recall', { schema: { tags, params: MessageParams } }, async (request) => {
    const caller = callerOf(request);
    const { cId, id } = request.params;
    return await answer(request, cId, await recallMessage(ctx, caller, cId, id));
  });

  app.patch(
    '/api/chat/:cId/messages/:id',
    {
      schema: {
        tags,
        params: MessageParams,
        body: Type.Object({ message: Type.String({ minLength: 1, maxLength: 10_000 }) }),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const { cId, id } = request.params;
      return await answer(request, cId, await editMessage(ctx, caller, cId, id, request.body.message));
    },
  );

  const ReactionParams = Type.Object({
    cId: IntegerId('the chat window id'),
    id: IntegerId('the message id'),
    emoji: Type.String({ minLength: 1, maxLength: 32, description: 'one emoji' }),
  });
  for (const [method, on] of [
    ['PUT', true],
    ['DELETE', false],
  ] as const) {
    app.route({
      method,
      url: '/api/chat/:cId/messages/:id/reactions/:emoji',
      schema: { tags, params: ReactionParams },
      handler: async (request) => {
        const caller = callerOf(request);
        const { cId, id, emoji } = request.params;
        return await answer(request, cId, await setReaction(ctx, caller, cId, id, emoji, on));
      },
    });
  }

  app.delete('/api/chat/:cId/messages/:id', { schema: { tags, params: MessageParams } }, async (request) => {
    await hideMessage(ctx, callerOf(request), request.params.cId, request.params.id);
    return extOk(null);
  });

  app.get('/api/chat/:cId/messages/:id/receipts', { schema: { tags, params: MessageParams } }, async (request) =>
    extOk(await messageReceipts(ctx, callerOf(request), request.params.cId, request.params.id)),
  );

  app.post(
    '/api/chat/:cId/read',
    { schema: { tags, params: WindowParams, body: Type.Object({ upTo: IntegerId('the last message id read') }) } },
    async (request) => extOk(await markWindowRead(ctx, callerOf(request), request.params.cId, request.body.upTo)),
  );
});
