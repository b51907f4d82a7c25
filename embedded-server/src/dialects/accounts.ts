import { Type } from '@sinclair/typebox';
import { callerOf } from '../http/access.js';
import { dialectPlugin, extOk } from '../http/dialect.js';
import { Nickname, PageLimit, Password, Role, Username } from '../http/schemas.js';
import { sessionWire, userProfile } from '../wire/present.js';
import { login, register, searchDirectory } from '../domain/accounts.js';
import { tooMany } from '../domain/errors.js';
import { endSession, sessionsOf, signOut } from '../domain/sessions.js';
import { badgeCounts } from '../domain/counts.js';

const tags = ['accounts'];

/** Accounts (API.md §3): register, log in and out, who am I, the user directory. */
export const accountRoutes = dialectPlugin('ext', [], (app, { ctx, throttle, registrations }) => {
  app.post(
    '/api/auth/register',
    {
      config: { access: 'public' },
      schema: {
        tags,
        body: Type.Object({
          username: Username,
          password: Password,
          nickname: Nickname,
          role: Type.Optional(Role),
        }),
      },
    },
    async (request, reply) => {
      const waitMs = request.viaAppToken ? 0 : registrations.take(`ip:${request.ip}`, ctx.now());
      if (waitMs > 0) throw tooMany('too many new accounts from this address; try again in a moment', waitMs);
      const client = request.headers['user-agent'];
      const { token, user } = await register(ctx, { ...request.body, nickname: request.body.nickname.trim(), client });
      return reply.code(201).send(extOk({ token, user: userProfile(user) }));
    },
  );

  app.post(
    '/api/auth/login',
    {
      config: { access: 'public' },
      schema: {
        tags,
        body: Type.Object({
          username: Type.String({ minLength: 1, maxLength: 64 }),
          password: Type.String({ minLength: 1, maxLength: 128 }),
        }),
      },
    },
    async (request) => {
      const { token, user } = await login(ctx, throttle, { ...request.body, client: request.headers['user-agent'] });
      return extOk({ token, user: userProfile(user) });
    },
  );

  app.post('/api/auth/logout', { schema: { tags } }, async (request) => {
    callerOf(request);
    await signOut(ctx, request.bearer!);
    return extOk(null);
  });

  app.get('/api/sessions', { schema: { tags } }, async (request) => {
    const caller = callerOf(request);
    return extOk((await sessionsOf(ctx, caller)).map((session) => sessionWire(session, request.session!.id)));
  });

  app.delete(
    '/api/sessions/:id',
    { schema: { tags, params: Type.Object({ id: Type.String({ pattern: '^[0-9a-f]{24}$' }) }) } },
    async (request) => {
      await endSession(ctx, callerOf(request), request.params.id);
      return extOk(null);
    },
  );

  app.get('/api/me', { schema: { tags } }, async (request) => extOk(userProfile(callerOf(request))));

  app.get('/api/counts', { config: { replyCache: true }, schema: { tags } }, async (request) =>
    extOk(await badgeCounts(ctx, callerOf(request).id)),
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags,
        querystring: Type.Object({ q: Type.String({ maxLength: 64, default: '' }), limit: PageLimit(20) }),
      },
    },
    async (request) => extOk((await searchDirectory(ctx, request.query.q, request.query.limit)).map(userProfile)),
  );
});
