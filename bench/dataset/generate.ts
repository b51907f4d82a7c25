import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashPassword } from '../../embedded-server/src/auth/passwords.js';
import { newToken } from '../../embedded-server/src/auth/tokens.js';
import { closeDatabase, openDatabase } from '../../embedded-server/src/db/open.js';
import { DATABASE_FILE } from '../../embedded-server/src/server.js';
import { startBulkLoad } from './bulk-load.js';
import { benchCast, MIN_USERS, tokenHolders } from './cast.js';
import { MANIFEST_FILE, MANIFEST_FORMAT, type BenchManifest, type BenchUser } from './manifest.js';
import { planNotifications } from './notifications.js';
import { planUsers } from './people.js';
import { planProjects } from './projects.js';
import { seededRandom } from './random.js';
import { writeStore } from './store-writer.js';
import { SEARCH_TERMS } from './text.js';
import { planTimeline, settleReadState } from './timeline.js';
import { planWindows } from './windows.js';
import { DAY, HOUR, MINUTE, TIMELINE_DAYS, type DatasetSize, type PlannedUser } from './model.js';

/** The password of every generated account. */
export const BENCH_PASSWORD = 'bench-password-2024';
export const BENCH_APP_ID = 'JH';
const APP_TOKEN_FILE = 'app-token';

export interface GenerateOptions extends DatasetSize {
  out: string;
  seed?: number;
  /** The end of the timeline (default: now). */
  now?: number;
  /** Replace a dataset already in `out`. */
  force?: boolean;
  log?: (line: string) => void;
}

export function checkSize(size: DatasetSize): void {
  if (!Number.isInteger(size.users) || size.users < MIN_USERS) throw new Error(`--users must be at least ${MIN_USERS}`);
  if (!Number.isInteger(size.messages) || size.messages < 100) throw new Error('--messages must be at least 100');
  if (!Number.isInteger(size.notifications) || size.notifications < 50)
    throw new Error('--notifications must be at least 50');
}

/**
 * Generates a dataset straight into a data folder that `--data-dir` opens: the schema
 * from the server's own migrations, then every row with bulk INSERTs (no HTTP), then
 * the indexes and full-text indexes. Writes `bench.json` (tokens and parameters for the
 * benchmark), `app-token` and a README with the shared password.
 */
export async function generateDataset(options: GenerateOptions): Promise<BenchManifest> {
  checkSize(options);
  const log = options.log ?? (() => undefined);
  const seed = options.seed ?? 20_241_122;
  const now = options.now ?? Date.now();
  const start = now - TIMELINE_DAYS * DAY;
  const began = performance.now();
  prepareFolder(options.out, options.force ?? false);

  const random = seededRandom(seed);
  const ids = seededRandom(seed ^ 0x5bd1e995);
  const words = seededRandom(seed ^ 0x27d4eb2f);
  const jitter = seededRandom(seed ^ 0x165667b1);

  const users = planUsers(options.users, start, now, random);
  const cast = benchCast(options.users);
  const projectCount = Math.max(3, Math.round(options.users / 50));
  const projects = planProjects({ users, readerId: cast.readerId, start, now, random, ids }, projectCount);
  // Whoever answered an invitation, invited someone or published a task was online then.
  const wasOnline = (userId: number, at: number) => {
    const user = users[userId - 1]!;
    user.lastSeen = Math.max(user.lastSeen, at);
  };
  for (const i of projects.invitations) {
    wasOnline(i.inviterId, i.createdAt);
    if (i.answeredAt !== null) wasOnline(i.inviteeId, i.answeredAt);
  }
  for (const p of projects.projects) for (const t of p.tasks) wasOnline(t.publisherId, t.createdAt);

  const windows = planWindows(options, cast, projects, random);
  const timeline = planTimeline(windows, users, projects.lateJoins, options.messages, start, now, random);
  settleReadState(windows, users, timeline, start, now, random);
  // Window ids in the order the windows were opened, as the server numbers them.
  const byId = [...windows].sort((a, b) => a.createdAt - b.createdAt || a.index - b.index);
  byId.forEach((window, i) => (window.id = i + 1));
  settleOfflineDelivery(projects.offline, users, random);
  const notifications = planNotifications(options.notifications, users, cast, start, now, random, words);
  const tokens = tokenHolders(cast).map((userId) => ({ userId, token: newToken() }));
  const planned = performance.now();
  log(`planned in ${Math.round(planned - began)} ms`);

  const db = openDatabase(join(options.out, DATABASE_FILE));
  let rows: Record<string, number>;
  let finished: { indexMs: number; ftsMs: number };
  try {
    const load = startBulkLoad(db);
    rows = writeStore(
      db,
      {
        users,
        passwordHash: await hashPassword(BENCH_PASSWORD),
        tokens,
        windows: byId,
        projects: projects.projects,
        invitations: projects.invitations,
        offline: projects.offline,
        timeline,
        notifications,
        createdAt: now,
      },
      { words, jitter, ids },
    );
    log(`rows written in ${Math.round(performance.now() - planned)} ms`);
    finished = load.finish();
    log(`indexed in ${Math.round(finished.indexMs)} ms, full-text indexed in ${Math.round(finished.ftsMs)} ms`);
    rows.offline_undelivered = (
      db.prepare('SELECT count(*) AS n FROM offline_messages WHERE delivered_at IS NULL').get() as { n: number }
    ).n;
    rows.invitations_pending = (
      db.prepare("SELECT count(*) AS n FROM invitations WHERE state = 'pending'").get() as { n: number }
    ).n;
  } finally {
    closeDatabase(db);
  }

  const appToken = newToken();
  writeFileSync(join(options.out, APP_TOKEN_FILE), `${appToken}\n`, { mode: 0o600 });
  chmodSync(join(options.out, APP_TOKEN_FILE), 0o600);

  const benchUser = (id: number): BenchUser => {
    const user = users[id - 1]!;
    return { id, username: user.username, role: user.role, token: tokens.find((t) => t.userId === id)!.token };
  };
  const windowOf = (a: number, b: number) =>
    windows.find(
      (w) => w.kind === 'direct' && ((w.openerId === a && w.peerId === b) || (w.openerId === b && w.peerId === a)),
    )!;
  const messagesIn = (index: number) => timeline.offsets[index + 1]! - timeline.offsets[index]!;
  const busiest = windowOf(...cast.busyPairs[0]!);
  const busiestAt = (fromEnd: number) =>
    timeline.positions[timeline.offsets[busiest.index + 1]! - fromEnd] ??
    timeline.positions[timeline.offsets[busiest.index]!];
  const busiestMiddle =
    timeline.positions[timeline.offsets[busiest.index]! + Math.floor(messagesIn(busiest.index) / 2)];
  // Messages visible to each user (in their windows, since they joined), to find a typical one.
  const visible = new Float64Array(users.length + 1);
  for (const window of windows)
    for (const member of window.members) visible[member.userId]! += messagesIn(window.index);
  const middle = [...visible.slice(1)].sort((a, b) => a - b)[Math.floor(users.length / 2)]!;
  // Neither the busy pairs nor the backlog (a twentieth of all notifications) search as most people do.
  const atypical = new Set([...cast.busyPairs.flat(), cast.backlogId]);
  const typicalUserId = tokens
    .map((t) => t.userId)
    .filter((id) => !atypical.has(id))
    .reduce((best, id) => (Math.abs(visible[id]! - middle) < Math.abs(visible[best]! - middle) ? id : best));
  const readerNotifications = notifications.flatMap((n, i) => (n.userId === cast.readerId ? [i + 1] : []));
  const total = performance.now() - began;

  const manifest: BenchManifest = {
    format: MANIFEST_FORMAT,
    generatedAt: new Date(now).toISOString(),
    seed,
    size: { users: options.users, messages: options.messages, notifications: options.notifications },
    password: BENCH_PASSWORD,
    appId: BENCH_APP_ID,
    appToken,
    reader: benchUser(cast.readerId),
    users: Object.fromEntries(tokens.map(({ userId }) => [String(userId), benchUser(userId)])),
    inboxBacklog: {
      userId: cast.backlogId,
      unread: notifications.filter((n) => n.userId === cast.backlogId && n.status === 0).length,
    },
    busyWindows: cast.busyPairs.map(([a, b]) => {
      const window = windowOf(a, b);
      return { id: window.id, members: [a, b], messages: messagesIn(window.index) };
    }),
    realtimePairs: cast.realtimePairs.map(([a, b]) => ({ windowId: windowOf(a, b).id, a, b })),
    ingestPairs: cast.ingestPairs.map(([a, b]) => ({ windowId: windowOf(a, b).id, senderId: a, recipientId: b })),
    probes: {
      historyBefore: busiestMiddle === undefined ? 1 : busiestMiddle + 1,
      readAfterId: readerNotifications[Math.floor(readerNotifications.length * 0.3)] ?? 0,
      imPeerId: cast.busyPairs[0]![1],
      imPollSince: timeline.timeOf[busiestAt(11)!]!,
      typicalUserId,
    },
    searchTerms: SEARCH_TERMS.map(({ term, note }) => ({ term, note })),
    totals: rows,
    timings: {
      planMs: Math.round(planned - began),
      writeMs: Math.round(total - (planned - began) - finished.indexMs - finished.ftsMs),
      indexMs: Math.round(finished.indexMs),
      ftsMs: Math.round(finished.ftsMs),
      totalMs: Math.round(total),
    },
  };
  writeFileSync(join(options.out, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
  writeFileSync(join(options.out, 'README.md'), folderReadme(manifest));
  return manifest;
}

function prepareFolder(out: string, force: boolean): void {
  mkdirSync(out, { recursive: true });
  const file = join(out, DATABASE_FILE);
  if (existsSync(file) && !force) throw new Error(`${file} exists; pass --force to replace it`);
  for (const name of [DATABASE_FILE, `${DATABASE_FILE}-wal`, `${DATABASE_FILE}-shm`, MANIFEST_FILE, APP_TOKEN_FILE])
    rmSync(join(out, name), { force: true });
}

/**
 * Offline messages about projects and tasks reached people who came online after they
 * were sent (they fetched them then); the rest wait, undelivered.
 */
function settleOfflineDelivery(
  messages: { userId: number; createdAt: number; deliveredAt: number | null }[],
  users: PlannedUser[],
  random: () => number,
): void {
  for (const message of messages) {
    const lastSeen = users[message.userId - 1]!.lastSeen;
    message.deliveredAt =
      message.createdAt <= lastSeen
        ? Math.min(lastSeen, message.createdAt + MINUTE + Math.floor(random() ** 3 * 6 * HOUR))
        : null;
  }
}

function folderReadme(manifest: BenchManifest): string {
  const { size, reader, totals } = manifest;
  return `# Benchmark dataset

Generated by \`npm run bench:data\` on ${manifest.generatedAt} (seed ${manifest.seed}):
${size.users} users, ${size.messages} chat messages, ${size.notifications} notifications.

Open it with \`npm run server -- --data-dir <this folder> --port 0\`.

- Every user logs in with the password **${manifest.password}**; user names are \`user00001\`,
  \`user00002\`, … (\`${reader.username}\` is the reader the benchmark measures as).
- The app token is in \`app-token\` (the server uses it when no \`--app-token\` is given).
- \`bench.json\` holds bearer tokens for the users the benchmark acts as, and the ids it uses.

Rows: ${Object.entries(totals)
    .map(([table, n]) => `${table} ${n}`)
    .join(', ')}.
`;
}
