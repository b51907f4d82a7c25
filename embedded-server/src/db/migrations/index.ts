import type { Database } from 'better-sqlite3';
import { initialSchema } from './001-initial.js';
import { attachmentsAndSearch } from './002-attachments-and-search.js';

export interface Migration {
  /** Stored in `PRAGMA user_version` once applied; strictly increasing, never reused. */
  version: number;
  name: string;
  sql: string;
}

/** Every migration, in order. Append only: a released migration is never edited. */
export const migrations: readonly Migration[] = [initialSchema, attachmentsAndSearch];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;

export class NewerSchemaError extends Error {
  constructor(found: number) {
    super(
      `The database is at schema version ${found}, newer than this server knows (${latestSchemaVersion}). ` +
        'Refusing to open it: an older server could damage data it does not understand.',
    );
    this.name = 'NewerSchemaError';
  }
}

/** Brings the database up to the latest version, each migration in its own transaction. */
export function migrate(db: Database, upTo: number = latestSchemaVersion): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  if (current > latestSchemaVersion) throw new NewerSchemaError(current);
  for (const migration of migrations) {
    if (migration.version <= current || migration.version > upTo) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
}
