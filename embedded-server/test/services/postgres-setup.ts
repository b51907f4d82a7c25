import type { TestProject } from 'vitest/node';
import { startPostgres } from './postgres.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The PostgreSQL server the server tests run on; empty when they run on SQLite. */
    postgresUrl: string;
  }
}

/** Starts one PostgreSQL for the whole run of the server suite on PostgreSQL; each test server gets a database in it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const service = await startPostgres();
  project.provide('postgresUrl', service.url);
  return () => service.stop();
}
