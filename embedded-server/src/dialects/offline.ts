import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { callerOf } from '../http/access.js';
import { offlineOk } from '../http/dialects.js';
import { OfflineId, PageLimit } from '../http/schemas.js';
import { offlineMessageWire } from '../http/wire.js';
import { offlineHistory, takeUndelivered } from '../domain/offline-messages.js';
import { answerInvitation } from '../domain/projects.js';
import { typed, type RouteDeps } from './deps.js';

const tags = ['offline'];

/** The offline dialect (seed 000) and its extensions: history and invitation answers. */
export function registerOfflineRoutes(server: FastifyInstance, { ctx }: RouteDeps) {
  const app = typed(server);

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
}
