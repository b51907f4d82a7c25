import { Type } from '@sinclair/typebox';
import { callerOf } from '../http/access.js';
import { dialectPlugin, offlineOk } from '../http/dialect.js';
import { OfflineId, PageLimit } from '../http/schemas.js';
import { offlineMessageWire } from '../wire/present.js';
import { offlineHistory, takeUndelivered } from '../domain/offline-messages.js';
import { answerInvitation } from '../domain/projects.js';

const tags = ['offline'];

/** The offline dialect (seed 000) and its extensions: history and invitation answers. */
export const offlineDialect = dialectPlugin('offline', ['/offlineMessages'], (app, { ctx }) => {
  app.get('/offlineMessages', { schema: { tags } }, async (request) =>
    offlineOk(takeUndelivered(ctx, callerOf(request).id).map(offlineMessageWire)),
  );

  app.get(
    '/offlineMessages/history',
    { schema: { tags, querystring: Type.Object({ before: Type.Optional(OfflineId), limit: PageLimit(50) }) } },
    async (request) => {
      const { before, limit } = request.query;
      return offlineOk(offlineHistory(ctx, callerOf(request).id, limit, before).map(offlineMessageWire));
    },
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/offlineMessages/:id/${answer}`,
      { schema: { tags, params: Type.Object({ id: OfflineId }) } },
      async (request) =>
        offlineOk([offlineMessageWire(answerInvitation(ctx, callerOf(request), request.params.id, answer))]),
    );
  }
});
