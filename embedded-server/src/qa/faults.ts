import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { FaultRule } from '../contract/qa-controls.js';
import { httpFailure } from '../http/dialect.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The request's answer is to be dropped once the work is done. */
    dropAnswer: boolean;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Fault injection for QA suites. A faulted request is refused before its handler runs, so
 * a fault never changes stored data, unless the rule says `after`: then the work is done
 * and the answer dropped, as when a network fails on the way back.
 */
export class FaultInjector {
  private rules: (FaultRule & { left: number })[] = [];

  set(rules: readonly FaultRule[]): void {
    this.rules = rules.map((rule) => ({ ...rule, left: rule.times ?? Number.POSITIVE_INFINITY }));
  }

  clear(): void {
    this.rules = [];
  }

  /** Applies the first rule matching the request's route and method, counting it down. */
  private take(request: FastifyRequest): FaultRule | undefined {
    const route = request.routeOptions.url;
    const rule = this.rules.find(
      (candidate) =>
        candidate.left > 0 &&
        candidate.path === route &&
        (candidate.method === undefined || candidate.method.toUpperCase() === request.method),
    );
    if (!rule) return undefined;
    rule.left -= 1;
    return rule;
  }

  /** Hooks the injector into every route (the admin routes that control it aside). */
  install(app: FastifyInstance): void {
    app.decorateRequest('dropAnswer', false);
    app.addHook('preHandler', async (request) => {
      if (this.rules.length === 0 || request.routeOptions.url?.startsWith('/api/admin/')) return;
      const rule = this.take(request);
      if (!rule) return;
      if (rule.delayMs) await sleep(rule.delayMs);
      if (rule.after) request.dropAnswer = true;
      else if (rule.status) throw httpFailure(rule.status, `fault injected on ${request.method} ${rule.path}`);
    });
    app.addHook('onSend', async (request) => {
      if (request.dropAnswer) request.raw.socket.destroy();
    });
  }
}
