import { Type } from '@sinclair/typebox';
import { CloseCode } from '../contract/events.js';
import { dialectPlugin, extOk } from '../http/dialect.js';
import { invalid } from '../domain/errors.js';
import type { Clock } from '../qa/clock.js';
import type { FaultInjector } from '../qa/faults.js';
import type { ConnectionHub } from '../realtime/hub.js';

const tags = ['qa'];
const forApp = { access: 'app' as const };

export interface QaControls {
  /** Empties the store (and seeds the demo again) and forgets what the server counts per client. */
  reset: () => Promise<void>;
  clock: Clock;
  faults: FaultInjector;
  hub: ConnectionHub;
}

/** QA controls (API.md §3c), only with `--allow-reset`, for the app token only. */
export function qaRoutes({ reset, clock, faults, hub }: QaControls) {
  return dialectPlugin('ext', [], (app, { ctx }) => {
    app.post('/api/admin/reset', { config: forApp, schema: { tags } }, async () => {
      // Every token is about to be gone: no socket may keep a user id that someone else gets next.
      hub.closeAll(CloseCode.badToken, 'the store was reset');
      await reset();
      return extOk(null);
    });

    app.post(
      '/api/admin/clock',
      {
        config: forApp,
        schema: {
          tags,
          body: Type.Object({
            now: Type.Optional(Type.Integer({ minimum: 0, maximum: 9_999_999_999_999, description: 'epoch ms' })),
            advanceMs: Type.Optional(Type.Integer({ minimum: -3_155_760_000_000, maximum: 3_155_760_000_000 })),
            frozen: Type.Optional(Type.Boolean({ description: 'stand still at `now` instead of running on' })),
          }),
        },
      },
      async (request) => {
        const { now, advanceMs, frozen } = request.body;
        if ((now === undefined) === (advanceMs === undefined)) throw invalid('give either now or advanceMs');
        if (now !== undefined) clock.set(now, frozen ?? false);
        else clock.advance(advanceMs!);
        return extOk({ now: ctx.now() });
      },
    );
    app.delete('/api/admin/clock', { config: forApp, schema: { tags } }, async () => {
      clock.reset();
      return extOk({ now: ctx.now() });
    });

    app.post(
      '/api/admin/faults',
      {
        config: forApp,
        schema: {
          tags,
          body: Type.Object({
            rules: Type.Array(
              Type.Object({
                method: Type.Optional(Type.String({ pattern: '^[A-Za-z]{3,7}$' })),
                path: Type.String({
                  pattern: '^/',
                  maxLength: 200,
                  description: 'a route pattern, e.g. /api/chat/:cId/messages',
                }),
                status: Type.Optional(Type.Integer({ minimum: 400, maximum: 599 })),
                delayMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 60_000 })),
                times: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
                after: Type.Optional(Type.Boolean()),
              }),
              { maxItems: 100, default: [] },
            ),
            dropWebSockets: Type.Optional(Type.Boolean({ description: 'close every live socket once' })),
          }),
        },
      },
      async (request) => {
        const { rules, dropWebSockets } = request.body;
        for (const rule of rules)
          if (rule.status === undefined && rule.delayMs === undefined && !rule.after)
            throw invalid(`the rule for ${rule.path} does nothing: give status, delayMs or after`);
        faults.set(rules);
        if (dropWebSockets) hub.closeAll(CloseCode.goingAway, 'dropped on purpose');
        return extOk({ rules: rules.length });
      },
    );
    app.delete('/api/admin/faults', { config: forApp, schema: { tags } }, async () => {
      faults.clear();
      return extOk(null);
    });
  });
}
