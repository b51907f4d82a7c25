import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Role } from '../../embedded-server/src/domain/types.js';
import type { DatasetSize } from './model.js';

/** What the benchmark needs to know about a data folder: `DIR/bench.json`. */
export const MANIFEST_FILE = 'bench.json';
export const MANIFEST_FORMAT = 2;

export interface BenchUser {
  id: number;
  username: string;
  role: Role;
  /** A bearer token (its SHA-256 is in the tokens table). */
  token: string;
}

export interface BenchManifest {
  format: typeof MANIFEST_FORMAT;
  generatedAt: string;
  seed: number;
  size: DatasetSize;
  /** Every generated user logs in with this password. */
  password: string;
  appId: string;
  /** Also in DIR/app-token, where the server picks it up when no --app-token is given. */
  appToken: string;
  reader: BenchUser;
  /** Every user with a token, by id. */
  users: Record<string, BenchUser>;
  /** The user whose notifications are all unread (10,000 at 1M messages): the renderer's inbox. */
  inboxBacklog: { userId: number; unread: number };
  busyWindows: { id: number; members: [number, number]; messages: number }[];
  realtimePairs: { windowId: number; a: number; b: number }[];
  ingestPairs: { windowId: number; senderId: number; recipientId: number }[];
  /** Parameters of the measured requests. */
  probes: {
    /** A message id halfway through the reader's busiest window: history from there reads deep in the index. */
    historyBefore: number;
    /** One of the reader's older notifications: `read/after/{id}` filters as it walks. */
    readAfterId: number;
    /** The other side of the reader's busiest window, for the im dialect. */
    imPeerId: number;
    /** The send time of the 11th-newest message of that window: an im poll from there returns the newest 10. */
    imPollSince: number;
    /** A user with a token whose windows hold about the median number of messages: search as most people see it. */
    typicalUserId: number;
  };
  searchTerms: { term: string; note: string }[];
  totals: Record<string, number>;
  timings: { planMs: number; writeMs: number; indexMs: number; ftsMs: number; totalMs: number };
}

export function readManifest(dataDir: string): BenchManifest {
  const manifest = JSON.parse(readFileSync(join(dataDir, MANIFEST_FILE), 'utf8')) as BenchManifest;
  if (manifest.format !== MANIFEST_FORMAT)
    throw new Error(`${dataDir}: bench.json format ${manifest.format}, expected ${MANIFEST_FORMAT}; generate it again`);
  return manifest;
}

export function tokenOf(manifest: BenchManifest, userId: number): string {
  const user = manifest.users[String(userId)];
  if (!user) throw new Error(`user ${userId} has no token in bench.json`);
  return user.token;
}
