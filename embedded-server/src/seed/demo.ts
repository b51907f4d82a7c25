import { runScenario } from '../qa/scenario.js';
import { DEMO_SCENARIO } from './demo-scenario.js';
import type { DomainContext } from '../domain/context.js';

/**
 * Fills an empty store with the demo workspace (`--demo`, and again at every QA reset): the
 * scenario of demo-scenario.ts, built by the same code as `POST /api/admin/scenario`, so
 * the demo is a state its people could have reached through the app.
 */
export async function seedDemoWorkspace(ctx: DomainContext): Promise<void> {
  await runScenario(ctx, DEMO_SCENARIO);
}
