import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../http/access.js';
import { chatSeedOk, extOk } from '../http/dialects.js';
import { IntegerId, PageLimit } from '../http/schemas.js';
import { chatMessageWire, chatWindowWire } from '../http/wire.js';
import { maskedArea } from '../http/client-area.js';
import {
  listWindows,
  markWindowRead,
  memberWindow,
  openDirectWindow,
  sendMessage,
  windowHistory,
  windowView,
} from '../domain/chat.js';
import { typed, type RouteDeps } from './deps.js';

const tags = ['chat'];
const WindowParams = Type.Object({ cId: IntegerId('the chat window id') });

/** The chat dialect (seed 003) and its extensions: open a window, history, send, read. */
export function registerChatRoutes(server: FastifyInstance, { ctx }: RouteDeps) {
  const app = typed(server);

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
      const { total, windows } = listWindows(ctx, callerOf(request), type, page, pageSize);
      return chatSeedOk({ page, pageSize, total, list: windows.map(chatWindowWire) });
    },
  );

  app.post(
    '/api/chat',
    { schema: { tags, body: Type.Object({ toId: IntegerId('the other participant') }) } },
    async (request) => {
      const caller = callerOf(request);
      const window = openDirectWindow(ctx, caller, request.body.toId);
      return extOk(chatWindowWire(windowView(ctx, memberWindow(ctx, caller.id, window.id), caller.id)));
    },
  );

  app.get(
    '/api/chat/:cId/messages',
    {
      schema: {
        tags,
        params: WindowParams,
        querystring: Type.Object({
          before: Type.Optional(IntegerId('only ids smaller than this')),
          limit: PageLimit(50),
        }),
      },
    },
    async (request) => {
      const caller = callerOf(request);
      const window = memberWindow(ctx, caller.id, request.params.cId);
      const { before, limit } = request.query;
      const messages = windowHistory(ctx, caller, window.id, limit, before);
      return extOk(messages.map((m) => chatMessageWire(m, window.openerId)));
    },
  );

  app.post(
    '/api/chat/:cId/messages',
    {
      schema: {
        tags,
        params: WindowParams,
        body: Type.Object({
          message: Type.String({ maxLength: 10_000 }),
          type: Type.Literal('TEXT', { default: 'TEXT' }),
          clientMsgId: Type.String({ minLength: 1, maxLength: 64, pattern: '^[\\x21-\\x7e]+$' }),
        }),
      },
    },
    async (request, reply) => {
      const caller = callerOf(request);
      const { message: body, type, clientMsgId } = request.body;
      const { message, created } = sendMessage(ctx, caller, request.params.cId, {
        body,
        type,
        clientMsgId,
        channel: 'PC',
        fromArea: maskedArea(request.ip),
      });
      const window = memberWindow(ctx, caller.id, message.windowId);
      return reply.code(created ? 201 : 200).send(extOk(chatMessageWire(message, window.openerId)));
    },
  );

  app.post(
    '/api/chat/:cId/read',
    { schema: { tags, params: WindowParams, body: Type.Object({ upTo: IntegerId('the last message id read') }) } },
    async (request) => extOk(markWindowRead(ctx, callerOf(request), request.params.cId, request.body.upTo)),
  );
}
