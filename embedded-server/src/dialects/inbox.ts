import { Type } from '@sinclair/typebox';
import { MAX_RESTORE_ITEMS, NotificationStatus } from '../contract/enums.js';
import { callerOf } from '../http/access.js';
import { dialectPlugin, extOk, inboxOk } from '../http/dialect.js';
import { IntegerId, MAX_ID, PageLimit } from '../http/schemas.js';
import { notificationStatusItemWire, notificationWire } from '../wire/present.js';
import { invalid } from '../domain/errors.js';
import {
  createNotification,
  inboxCounts,
  listNotifications,
  markAllRead,
  readAll,
  recentlyRead,
  restoreStatuses,
  setNotificationStatus,
  todoNotifications,
  unreadNotifications,
} from '../domain/inbox.js';
import type { InboxRestoreWire, ReadAllWire } from '../contract/wire.js';
import type { NotificationStatus as Status } from '../domain/types.js';

const tags = ['inbox'];
const MsgIdParams = Type.Object({ msgId: IntegerId('the notification id') });
const NotificationType = Type.Integer({ minimum: 1, maximum: 7 });
const ReadAllBody = Type.Object({ type: Type.Optional(NotificationType) });
/** The inbox's reads depend on the store alone: a reply may be sent again until something changes. */
const kept = { replyCache: true };

/** The inbox dialect (seed 001) and its extensions (API.md §3 Inbox). */
export const inboxDialect = dialectPlugin('inbox', ['/message'], (app, { ctx }) => {
  app.get('/message/unread', { config: kept, schema: { tags } }, async (request) =>
    inboxOk((await unreadNotifications(ctx, callerOf(request).id)).map(notificationWire)),
  );

  app.get('/message/todo', { config: kept, schema: { tags } }, async (request) =>
    inboxOk((await todoNotifications(ctx, callerOf(request).id)).map(notificationWire)),
  );

  app.get('/message/read', { config: kept, schema: { tags } }, async (request) =>
    inboxOk((await recentlyRead(ctx, callerOf(request).id, 0, 3)).map(notificationWire)),
  );

  app.get(
    '/message/read/after/:msgId/limit/:limit',
    {
      config: kept,
      schema: {
        tags,
        params: Type.Object({
          msgId: Type.Integer({ minimum: 0, maximum: MAX_ID, description: 'only ids greater than this' }),
          limit: Type.Integer({ minimum: 1, maximum: 100 }),
        }),
      },
    },
    async (request) => {
      const { msgId, limit } = request.params;
      return inboxOk((await recentlyRead(ctx, callerOf(request).id, msgId, limit)).map(notificationWire));
    },
  );

  // The literal `all` is its own route (a static segment wins over `:msgId`).
  app.get('/message/setread/all', { schema: { tags } }, async () => {
    throw invalid('setread/all must be POSTed');
  });
  app.post('/message/setread/all', { schema: { tags, body: ReadAllBody } }, async (request) => {
    const updated = await markAllRead(ctx, callerOf(request).id, request.body.type);
    return inboxOk({ updated });
  });

  app.post(
    '/message/restore',
    {
      schema: {
        tags,
        body: Type.Object({
          items: Type.Array(
            Type.Object({
              msgId: IntegerId('the notification id'),
              status: Type.Union([Type.Literal('0'), Type.Literal('1'), Type.Literal('2')]),
            }),
            { minItems: 1, maxItems: MAX_RESTORE_ITEMS },
          ),
        }),
      },
    },
    async (request) => {
      const items = request.body.items.map(({ msgId, status }) => ({ id: msgId, status: Number(status) as Status }));
      const answer: InboxRestoreWire = { restored: await restoreStatuses(ctx, callerOf(request).id, items) };
      return inboxOk(answer);
    },
  );

  const statusRoutes: [string, Status, string][] = [
    ['setread', NotificationStatus.read, '设置已读操作成功'],
    ['settodo', NotificationStatus.todo, '设置待办操作成功'],
    ['setunread', NotificationStatus.unread, '设置未读操作成功'],
  ];
  for (const [name, status, done] of statusRoutes) {
    app.route({
      method: ['GET', 'POST'],
      url: `/message/${name}/:msgId`,
      schema: { tags, params: MsgIdParams },
      handler: async (request) => {
        await setNotificationStatus(ctx, callerOf(request).id, request.params.msgId, status);
        return inboxOk(done);
      },
    });
  }

  app.post(
    '/message/create',
    {
      config: { access: 'user-or-app' },
      schema: {
        tags,
        body: Type.Object({
          title: Type.String({ minLength: 1, maxLength: 200 }),
          type: NotificationType,
          subtype: Type.Integer({ minimum: 0, maximum: 6 }),
          content: Type.String({ maxLength: 5000 }),
          params: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
          user_id: IntegerId('the user who receives it'),
        }),
      },
    },
    async (request) => {
      const { user_id, title, content, type, subtype, params } = request.body;
      await createNotification(ctx, request.caller ?? 'app', {
        userId: user_id,
        title,
        content,
        type,
        subtype,
        params: params ?? null,
      });
      return inboxOk('新增操作成功');
    },
  );

  app.get('/message/count', { config: kept, schema: { tags } }, async (request) =>
    inboxOk(await inboxCounts(ctx, callerOf(request).id)),
  );

  app.get(
    '/message/list',
    {
      config: kept,
      schema: {
        tags,
        querystring: Type.Object({
          status: Type.Optional(Type.Integer({ minimum: 0, maximum: 2 })),
          type: Type.Optional(NotificationType),
          before: Type.Optional(IntegerId('only ids smaller than this')),
          limit: PageLimit(20),
        }),
      },
    },
    async (request) => {
      const { status, type, before, limit } = request.query;
      const list = await listNotifications(ctx, callerOf(request).id, {
        status: status as Status | undefined,
        type,
        beforeId: before,
        limit,
      });
      return inboxOk(list.map(notificationWire));
    },
  );
});

/** The inbox's extensions under `/api` (the extensions' envelope). */
export const inboxExtensionRoutes = dialectPlugin('ext', [], (app, { ctx }) => {
  // `POST /message/setread/all`, answering which notifications it marked and their status before (for an undo).
  app.post('/api/inbox/read-all', { schema: { tags, body: ReadAllBody } }, async (request) => {
    const changed = await readAll(ctx, callerOf(request).id, request.body.type);
    const answer: ReadAllWire = { updated: changed.length, changed: changed.map(notificationStatusItemWire) };
    return extOk(answer);
  });
});
