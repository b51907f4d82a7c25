import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem, type } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { PROJECT_ROOT } from './server-child.js';

export interface MachineInfo {
  cpu: string;
  cores: number;
  memoryGiB: number;
  os: string;
  node: string;
  sqlite: string;
  packages: Record<string, string>;
}

const PACKAGES = ['fastify', 'better-sqlite3', 'ws', '@fastify/websocket', '@sinclair/typebox', 'autocannon', 'tsx'];

/** What the figures were measured on. */
export function describeMachine(): MachineInfo {
  const memory = new Database(':memory:');
  const sqlite = (memory.prepare('SELECT sqlite_version() AS v').get() as { v: string }).v;
  memory.close();
  const packages: Record<string, string> = {};
  for (const name of PACKAGES) {
    try {
      packages[name] = (
        JSON.parse(readFileSync(join(PROJECT_ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
          version: string;
        }
      ).version;
    } catch {
      packages[name] = 'not installed';
    }
  }
  const cpuList = cpus();
  return {
    cpu: cpuList[0]?.model.trim() ?? 'unknown',
    cores: cpuList.length,
    memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    sqlite,
    packages,
  };
}

/** The 1-minute load average: other work on the machine skews every figure. */
export const loadAverage = () => Math.round(loadavg()[0]! * 100) / 100;
