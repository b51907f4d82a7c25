import { Type } from '@sinclair/typebox';
import { callerOf } from '../http/access.js';
import { dialectPlugin, offlineOk } from '../http/dialect.js';
import { OfflineId, PageLimit } from '../http/schemas.js';
import { offlineHistoryMessageWire, offlineMessageWire } from '../wire/present.js';
import { offlineHistory, takeUndelivered } from '../domain/offline-messages.js';
import { answerInvitation } from '../domain/projects.js';
import { invitationStateOf, undoDecline } from '../domain/invitations.js';
import type { OfflineMessage } from '../domain/types.js';

const tags = ['offline'];

/** The offline dialect (seed 000) and its extensions: history, invitation answers and their undo. */
export const offlineDialect = dialectPlugin('offline', ['/offlineMessages'], (app, { ctx }) => {
  // The extensions show an invitation's state; the documented list keeps the seed's keys.
  const withState = async (message: OfflineMessage) =>
    offlineHistoryMessageWire(message, await invitationStateOf(ctx, message));

  app.get('/offlineMessages', { schema: { tags } }, async (request) =>
    offlineOk((await takeUndelivered(ctx, callerOf(request).id)).map(offlineMessageWire)),
  );

  app.get(
    '/offlineMessages/history',
    { schema: { tags, querystring: Type.Object({ before: Type.Optional(OfflineId), limit: PageLimit(50) }) } },
    async (request) => {
      const { before, limit } = request.query;
      return offlineOk(
        await Promise.all((await offlineHistory(ctx, callerOf(request).id, limit, before)).map(withState)),
      );
    },
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/offlineMessages/:id/${answer}`,
      { schema: { tags, params: Type.Object({ id: OfflineId }) } },
      async (request) =>
        offlineOk([await withState(await answerInvitation(ctx, callerOf(request), request.params.id, answer))]),
    );
  }

  app.post('/offlineMessages/:id/undo', { schema: { tags, params: Type.Object({ id: OfflineId }) } }, async (request) =>
    offlineOk([await withState(await undoDecline(ctx, callerOf(request), request.params.id))]),
  );
});
