import { parseArgs } from 'node:util';

export interface ServerConfig {
  dataDir: string;
  port: number;
  host: string;
  /** Fill an empty data folder with the demo workspace. */
  demo: boolean;
  /** The high-permission token; generated into the data folder when not given. */
  appToken: string | null;
  appId: string;
  allowReset: boolean;
  /** Requests per second per token; 0 is off. */
  rateLimit: number;
  /** Messages a second each user may send, sustained (bursts of three seconds' worth); 0 is off. */
  sendRate: number;
  /** MiB each user may upload in a day; 0 is off. */
  uploadQuotaMiB: number;
  /** MiB of replies kept to be sent again while the data is unchanged (http/reply-cache.ts); 0 is off. */
  replyCacheMiB: number;
  allowedHosts: string[];
  logLevel: string;
  /**
   * A PostgreSQL database to keep everything in (`postgres://USER@HOST:PORT/DB`) instead of
   * the SQLite file in the data folder, which still holds the attachments and the app token.
   */
  database: string | null;
  /** A Redis server (`redis://HOST:PORT`) through which several instances share real time. */
  pubsub: string | null;
  /** Bring the database's schema up to date, then exit (for deployments that migrate first). */
  migrateOnly: boolean;
  /** Work on the data folder's database to do instead of serving; absent: serve. */
  task?: MaintenanceTask;
}

/**
 * `--check-integrity`: the full check, then exit. `--restore-backup [FILE]`: replace the
 * database with a snapshot (the newest that passes the check, or FILE), then exit.
 */
export type MaintenanceTask = { kind: 'check-integrity' } | { kind: 'restore-backup'; snapshot: string | null };

export class UsageError extends Error {}

export const USAGE = `Usage: npm run server -- --data-dir DIR [--port 0] [--host 127.0.0.1] [--demo]
  [--app-token T] [--app-id JH] [--allow-reset] [--rate-limit N] [--send-rate N] [--upload-quota MIB]
  [--reply-cache MIB] [--allowed-host NAME]... [--log-level info] [--database postgres://USER@HOST:PORT/DB] [--pubsub redis://HOST:PORT]
       npm run server -- --data-dir DIR --database postgres://… --migrate-only
       npm run server -- --data-dir DIR --check-integrity
       npm run server -- --data-dir DIR --restore-backup [FILE]`;

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost']);

/**
 * On loopback too: one account (a script, a stolen token) must not flood the others' chats
 * or fill the disk. Generous for a person: 20 messages a second is a paste of many lines,
 * 1 GiB a day is twenty of the largest files.
 */
export const DEFAULT_SEND_RATE = 20;
export const DEFAULT_UPLOAD_QUOTA_MIB = 1024;
/** Enough for a few hundred devices' chat lists and open windows. */
export const DEFAULT_REPLY_CACHE_MIB = 16;

/**
 * Gives a bare `flag` (last, or followed by another option) an empty value: parseArgs knows
 * no option whose value may be left out.
 */
function withOptionalValue(argv: string[], flag: string): string[] {
  return argv.map((arg, i) =>
    arg === flag && (i === argv.length - 1 || argv[i + 1]!.startsWith('--')) ? `${flag}=` : arg,
  );
}

function taskOf(checkIntegrity: boolean, restoreBackup: string | undefined): { task?: MaintenanceTask } {
  if (checkIntegrity && restoreBackup !== undefined)
    throw new UsageError('--check-integrity and --restore-backup are two separate runs: give one');
  if (checkIntegrity) return { task: { kind: 'check-integrity' } };
  if (restoreBackup !== undefined) return { task: { kind: 'restore-backup', snapshot: restoreBackup || null } };
  return {};
}

/** Reads the command line of API.md §4 (and `EMBEDDED_SERVER_APP_TOKEN`, `MESSENGER_DATABASE_URL`, `MESSENGER_PUBSUB_URL` from the environment). */
export function parseServerArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): ServerConfig {
  let values;
  try {
    ({ values } = parseArgs({
      args: withOptionalValue(argv, '--restore-backup'),
      strict: true,
      options: {
        'data-dir': { type: 'string' },
        port: { type: 'string', default: '0' },
        host: { type: 'string', default: '127.0.0.1' },
        demo: { type: 'boolean', default: false },
        'app-token': { type: 'string' },
        'app-id': { type: 'string', default: 'JH' },
        'allow-reset': { type: 'boolean', default: false },
        'rate-limit': { type: 'string' },
        'send-rate': { type: 'string', default: String(DEFAULT_SEND_RATE) },
        'upload-quota': { type: 'string', default: String(DEFAULT_UPLOAD_QUOTA_MIB) },
        'reply-cache': { type: 'string', default: String(DEFAULT_REPLY_CACHE_MIB) },
        'allowed-host': { type: 'string', multiple: true, default: [] },
        'log-level': { type: 'string', default: 'info' },
        'check-integrity': { type: 'boolean', default: false },
        'restore-backup': { type: 'string' },
        database: { type: 'string' },
        pubsub: { type: 'string' },
        'migrate-only': { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const dataDir = values['data-dir'];
  if (!dataDir) throw new UsageError('--data-dir is required');
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0..65535');
  const appToken = values['app-token'] ?? env.EMBEDDED_SERVER_APP_TOKEN ?? null;
  if (appToken !== null && !/^[\x21-\x7e]{16,512}$/.test(appToken))
    throw new UsageError('--app-token must be 16..512 printable characters');
  const appId = values['app-id'];
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(appId)) throw new UsageError('--app-id must be 1..64 letters, digits, _ or -');
  // Off on loopback (one user's own machine); on by default when reachable from the network.
  const defaultRate = LOOPBACK.has(values.host) ? 0 : 50;
  const rateLimit = values['rate-limit'] === undefined ? defaultRate : Number(values['rate-limit']);
  if (!Number.isInteger(rateLimit) || rateLimit < 0) throw new UsageError('--rate-limit must be a whole number ≥ 0');
  const sendRate = Number(values['send-rate']);
  if (!Number.isInteger(sendRate) || sendRate < 0) throw new UsageError('--send-rate must be a whole number ≥ 0');
  const uploadQuotaMiB = Number(values['upload-quota']);
  if (!Number.isInteger(uploadQuotaMiB) || uploadQuotaMiB < 0)
    throw new UsageError('--upload-quota must be a whole number of MiB ≥ 0');
  const replyCacheMiB = Number(values['reply-cache']);
  if (!Number.isInteger(replyCacheMiB) || replyCacheMiB < 0 || replyCacheMiB > 4096)
    throw new UsageError('--reply-cache must be a whole number of MiB, 0..4096');
  const database = values.database ?? env.MESSENGER_DATABASE_URL ?? null;
  if (database !== null && !/^postgres(ql)?:\/\//.test(database))
    throw new UsageError('--database must be a postgres:// address (SQLite, the default, needs no option)');
  const pubsub = values.pubsub ?? env.MESSENGER_PUBSUB_URL ?? null;
  if (pubsub !== null && !/^rediss?:\/\//.test(pubsub)) throw new UsageError('--pubsub must be a redis:// address');
  // Instances sharing real time must share their data too; a SQLite file belongs to one process.
  if (pubsub !== null && database === null)
    throw new UsageError('--pubsub needs --database: instances share one database');
  const migrateOnly = values['migrate-only'];
  if (migrateOnly && database === null)
    throw new UsageError('--migrate-only is for --database (SQLite migrates as it opens)');
  return {
    dataDir,
    port,
    host: values.host,
    demo: values.demo,
    appToken,
    appId,
    allowReset: values['allow-reset'],
    rateLimit,
    sendRate,
    uploadQuotaMiB,
    replyCacheMiB,
    allowedHosts: values['allowed-host'],
    logLevel: values['log-level'],
    database,
    pubsub,
    migrateOnly,
    ...taskOf(values['check-integrity'], values['restore-backup']),
  };
}
