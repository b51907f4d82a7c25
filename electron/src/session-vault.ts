import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SafeStorage } from 'electron';
import { ROLES } from '../../embedded-server/src/contract/enums.js';
import type { SignedInWire } from '../../embedded-server/src/contract/wire.js';

/**
 * The part of Electron's `safeStorage` the vault uses: main.ts hands in Electron's own,
 * tests an implementation with the same behaviour (real encryption, its own key).
 */
export type Keychain = Pick<
  SafeStorage,
  'isAsyncEncryptionAvailable' | 'encryptStringAsync' | 'decryptStringAsync' | 'getSelectedStorageBackend'
>;

export interface VaultOptions {
  /** The encrypted file, in the user-data folder. */
  file: string;
  keychain: Keychain;
  platform: NodeJS.Platform;
  /** Which server the session belongs to: a token is never handed to another server. */
  server: string;
}

/**
 * Whether the keychain really protects what it encrypts. On Linux without a secret service
 * (no GNOME keyring, no KWallet), Electron falls back to `basic_text`: a key written in
 * Electron's own source, which anyone can use to decrypt. That counts as plaintext.
 */
async function keychainProtects({ keychain, platform }: VaultOptions): Promise<boolean> {
  if (!(await keychain.isAsyncEncryptionAvailable())) return false;
  if (platform !== 'linux') return true;
  const backend = keychain.getSelectedStorageBackend();
  return backend !== 'basic_text' && backend !== 'unknown';
}

const TOKEN = /^[\x21-\x7e]{1,512}$/;
const TEXT_LIMIT = 1024;
const shortText = (value: unknown): value is string => typeof value === 'string' && value.length <= TEXT_LIMIT;

/** A session as the page hands it over (or as read back from the file): checked field by field. */
export function parseSession(value: unknown): SignedInWire | null {
  if (typeof value !== 'object' || value === null) return null;
  const { token, user } = value as Record<string, unknown>;
  if (typeof token !== 'string' || !TOKEN.test(token) || typeof user !== 'object' || user === null) return null;
  const { id, userName, nickname, image, role } = user as Record<string, unknown>;
  if (!Number.isSafeInteger(id) || !shortText(userName) || !shortText(nickname) || !shortText(image)) return null;
  if (!ROLES.includes(role as SignedInWire['user']['role'])) return null;
  return { token, user: { id: id as number, userName, nickname, image, role: role as SignedInWire['user']['role'] } };
}

/**
 * The signed-in session of the desktop app, kept by the main process rather than in the
 * page's storage: encrypted with the system keychain (`safeStorage`), in a file only the
 * user can read (0600). Where the keychain does not really protect it, the session is never
 * written down: it lives in memory until the app quits, and the user signs in again at the
 * next launch. A token in a readable file is a stolen account; signing in again is a nuisance.
 */
export class SessionVault {
  /** `undefined` until the file has been read once. */
  private current: SignedInWire | null | undefined;
  /** Reads and writes one after another, so a sign-in is never overwritten by a slower read. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: VaultOptions) {}

  /** Whether a session handed over now survives a quit. */
  keepsAcrossLaunches(): Promise<boolean> {
    return keychainProtects(this.options);
  }

  load(): Promise<SignedInWire | null> {
    return this.serially(async () => {
      if (this.current === undefined) this.current = await this.read();
      return this.current;
    });
  }

  save(session: SignedInWire | null): Promise<void> {
    return this.serially(async () => {
      this.current = session;
      if (session && (await keychainProtects(this.options))) await this.write(session);
      // Signed out, or nowhere safe to keep it: no older session may come back next launch.
      else rmSync(this.options.file, { force: true });
    });
  }

  private serially<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async read(): Promise<SignedInWire | null> {
    let encrypted: Buffer;
    try {
      encrypted = readFileSync(this.options.file);
    } catch {
      return null; // never signed in, or signed out
    }
    if (!(await keychainProtects(this.options))) return null;
    try {
      const { result, shouldReEncrypt } = await this.options.keychain.decryptStringAsync(encrypted);
      const record = JSON.parse(result) as { server?: unknown; session?: unknown };
      const session = record.server === this.options.server ? parseSession(record.session) : null;
      // The keychain rotated its key: the file is written again under the new one.
      if (session && shouldReEncrypt) await this.write(session);
      return session;
    } catch {
      // Another user's or machine's keychain, or a damaged file: sign in again.
      return null;
    }
  }

  /** Written to a temporary file and renamed, so a crash never leaves half a file. */
  private async write(session: SignedInWire): Promise<void> {
    const { file, keychain, server } = this.options;
    const encrypted = await keychain.encryptStringAsync(JSON.stringify({ server, session }));
    mkdirSync(dirname(file), { recursive: true });
    const temporary = `${file}.tmp`;
    // A leftover from a crash may have other permissions; `wx` creates the file afresh, 0600.
    rmSync(temporary, { force: true });
    writeFileSync(temporary, encrypted, { mode: 0o600, flag: 'wx' });
    renameSync(temporary, file);
  }
}
