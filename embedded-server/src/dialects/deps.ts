import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { DomainContext } from '../domain/context.js';
import type { LoginThrottle } from '../auth/login-throttle.js';

/** What a dialect's routes need from the server. */
export interface RouteDeps {
  ctx: DomainContext;
  appId: string;
  throttle: LoginThrottle;
}

export const typed = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>();
