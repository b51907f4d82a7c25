import { chmodSync, closeSync, mkdirSync, openSync } from 'node:fs';
import { join } from 'node:path';
import { StorageError } from './storage-error.js';

export const DATABASE_FILE = 'messenger.db';

/** A folder and a file only their owner may open: the user's messages are no one else's. */
export const PRIVATE_FOLDER = 0o700;
export const PRIVATE_FILE = 0o600;

/** Says what stops the data folder from being used, in words a person can act on; other errors pass. */
function refusal(error: unknown, path: string, dataDir: string): unknown {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new StorageError(
        'inaccessible',
        `The data folder ${dataDir} is read-only for this user: Messenger cannot create or write ${path} ` +
          `(${(error as Error).message}). Make the folder writable, or choose another one (--data-dir), ` +
          'then start Messenger again.',
      );
    case 'ENOTDIR':
    case 'EEXIST':
      return new StorageError(
        'inaccessible',
        `The data folder ${dataDir} cannot be used: something on its path is a file, not a folder ` +
          `(${(error as Error).message}). Move that file, or choose another folder (--data-dir).`,
      );
    default:
      return error;
  }
}

/**
 * Makes the data folder (0700) and its database file (0600) if they are missing, and returns
 * the file. SQLite gives its -wal and -shm files the database file's mode.
 */
export function prepareDataFolder(dataDir: string): string {
  const file = join(dataDir, DATABASE_FILE);
  let path = dataDir;
  try {
    mkdirSync(dataDir, { recursive: true, mode: PRIVATE_FOLDER });
    path = file;
    closeSync(openSync(file, 'a', PRIVATE_FILE));
    chmodSync(file, PRIVATE_FILE);
  } catch (error) {
    throw refusal(error, path, dataDir);
  }
  return file;
}
