import { Type, type TSchema } from '@sinclair/typebox';
import { CloseCode } from '../contract/events.js';
import { RELATIVE_TIME, type ScenarioWire } from '../contract/scenario.js';
import { dialectPlugin, extOk } from '../http/dialect.js';
import { Nickname, Password, Role, Username } from '../http/schemas.js';
import { invalid } from '../domain/errors.js';
import type { Clock } from '../qa/clock.js';
import type { FaultInjector } from '../qa/faults.js';
import { runScenario } from '../qa/scenario.js';
import type { ConnectionHub } from '../realtime/hub.js';

const tags = ['qa'];
const forApp = { access: 'app' as const };

const Key = Type.String({ minLength: 1, maxLength: 64, description: 'the item’s name within the scenario' });
const UserRef = (description = 'a username (of the scenario, or an existing account)') =>
  Type.String({ minLength: 1, maxLength: 64, description });
const Time = Type.Union(
  [
    Type.Integer({ minimum: 0, maximum: 9_999_999_999_999, description: 'epoch ms' }),
    Type.String({ pattern: RELATIVE_TIME.source, maxLength: 64, description: 'relative to now: -3d, -1d-10h+6m' }),
  ],
  { description: 'when it happened; never in the future (default: now)' },
);
const Name = Type.String({ minLength: 1, maxLength: 64, pattern: '\\S' });
/** A list of at most `maxItems` items (absent: none), bounding the work of one request. */
const List = <T extends TSchema>(item: T, maxItems: number) => Type.Optional(Type.Array(item, { maxItems }));

/** API.md §3c "Scenario"; the extra lists (tasks, reads, departures, pickups) in docs/api.md. */
const Scenario = Type.Object({
  users: List(
    Type.Object({ username: Username, password: Password, nickname: Nickname, role: Type.Optional(Role) }),
    100,
  ),
  windows: List(Type.Object({ key: Key, from: UserRef(), to: UserRef() }), 500),
  projects: List(
    Type.Object({
      key: Key,
      name: Name,
      owner: UserRef(),
      members: Type.Optional(Type.Array(UserRef(), { maxItems: 100 })),
      at: Type.Optional(Time),
    }),
    100,
  ),
  tasks: List(Type.Object({ key: Key, project: Key, name: Name, by: UserRef(), at: Type.Optional(Time) }), 200),
  invitations: List(
    Type.Object({
      key: Key,
      project: Type.Optional(Key),
      task: Type.Optional(Key),
      from: UserRef(),
      to: UserRef(),
      remark: Type.Optional(Type.String({ maxLength: 500 })),
      at: Type.Optional(Time),
      answer: Type.Optional(Type.Union([Type.Literal('accept'), Type.Literal('decline')])),
      answeredAt: Type.Optional(Time),
    }),
    500,
  ),
  messages: List(
    Type.Object({
      key: Key,
      window: Type.Optional(Key),
      project: Type.Optional(Key),
      from: UserRef(),
      message: Type.String({ minLength: 1, maxLength: 10_000, pattern: '\\S' }),
      type: Type.Optional(Type.Literal('TEXT', { description: 'media messages need an upload: not in a scenario' })),
      at: Type.Optional(Time),
    }),
    2000,
  ),
  reads: List(
    Type.Object({
      user: UserRef(),
      window: Type.Optional(Key),
      project: Type.Optional(Key),
      at: Type.Optional(Time),
    }),
    1000,
  ),
  departures: List(
    Type.Object({
      user: UserRef(),
      project: Key,
      by: Type.Optional(UserRef('the owner removing them (absent: they leave)')),
      at: Type.Optional(Time),
    }),
    200,
  ),
  pickups: List(Type.Object({ user: UserRef(), at: Type.Optional(Time) }), 200),
  notifications: List(
    Type.Object({
      key: Key,
      user: UserRef(),
      title: Type.String({ minLength: 1, maxLength: 200 }),
      content: Type.String({ maxLength: 5000 }),
      type: Type.Integer({ minimum: 1, maximum: 7 }),
      subtype: Type.Integer({ minimum: 0, maximum: 6 }),
      params: Type.Optional(Type.Union([Type.String({ maxLength: 5000 }), Type.Null()])),
      status: Type.Optional(Type.Union([Type.Literal('0'), Type.Literal('1'), Type.Literal('2')])),
      at: Type.Optional(Time),
      statusAt: Type.Optional(Time),
    }),
    2000,
  ),
});

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

    app.post('/api/admin/scenario', { config: forApp, schema: { tags, body: Scenario } }, async (request) => {
      const scenario: ScenarioWire = request.body;
      return extOk(await runScenario(ctx, scenario));
    });
  });
}
