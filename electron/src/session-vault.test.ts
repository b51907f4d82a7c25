import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SignedInWire } from '../../embedded-server/src/contract/wire.js';
import { parseSession, SessionVault, type Keychain } from './session-vault.js';

type Backend = ReturnType<Keychain['getSelectedStorageBackend']>;

/**
 * A keychain that behaves as Electron's `safeStorage` does: AES-256-GCM under keys only it
 * holds (a copy of the file is useless to anyone else), key rotation reported by
 * `shouldReEncrypt`, and a Linux backend that may be `basic_text`.
 */
class SoftwareKeychain implements Keychain {
  private readonly keys = [randomBytes(32)];
  constructor(
    private readonly backend: Backend = 'gnome_libsecret',
    private readonly available = true,
  ) {}

  rotateKey() {
    this.keys.push(randomBytes(32));
  }

  isAsyncEncryptionAvailable() {
    return Promise.resolve(this.available);
  }

  getSelectedStorageBackend() {
    return this.backend;
  }

  encryptStringAsync(plainText: string) {
    const keyId = this.keys.length - 1;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys[keyId]!, iv);
    const body = Buffer.concat([cipher.update(plainText, 'utf8'), cipher.final()]);
    return Promise.resolve(Buffer.concat([Buffer.from([keyId]), iv, cipher.getAuthTag(), body]));
  }

  decryptStringAsync(encrypted: Buffer) {
    const keyId = encrypted[0]!;
    const key = this.keys[keyId];
    if (!key) return Promise.reject(new Error('not encrypted with this keychain'));
    const decipher = createDecipheriv('aes-256-gcm', key, encrypted.subarray(1, 13));
    decipher.setAuthTag(encrypted.subarray(13, 29));
    const result = Buffer.concat([decipher.update(encrypted.subarray(29)), decipher.final()]).toString('utf8');
    return Promise.resolve({ result, shouldReEncrypt: keyId !== this.keys.length - 1 });
  }
}

const session: SignedInWire = {
  token: 'a3f9c2e1b7d04f6e8a1c3b5d7f9e0a2c',
  user: { id: 7, userName: 'zhangsan', nickname: '张三', image: '', role: 'MEMBER' },
};
const SERVER = 'built-in';

let dir: string;
let file: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'messenger-vault-'));
  file = join(dir, 'session.bin');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** One launch of the app: a vault over the same file and the same keychain. */
const launch = (keychain: Keychain, options: { platform?: NodeJS.Platform; server?: string } = {}) =>
  new SessionVault({ file, keychain, platform: options.platform ?? 'linux', server: options.server ?? SERVER });

describe('the session vault', () => {
  it('keeps the session encrypted in a file only the user can read, for the next launch', async () => {
    const keychain = new SoftwareKeychain();
    await launch(keychain).save(session);

    const onDisk = readFileSync(file);
    expect(onDisk.includes(session.token)).toBe(false);
    expect(onDisk.includes('zhangsan')).toBe(false);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await launch(keychain).load()).toEqual(session);
  });

  it('forgets the session on sign-out', async () => {
    const keychain = new SoftwareKeychain();
    const vault = launch(keychain);
    await vault.save(session);
    await vault.save(null);
    expect(existsSync(file)).toBe(false);
    expect(await vault.load()).toBeNull();
    expect(await launch(keychain).load()).toBeNull();
  });

  it('reads nothing from a file encrypted by another keychain, or damaged', async () => {
    await launch(new SoftwareKeychain()).save(session);
    expect(await launch(new SoftwareKeychain()).load()).toBeNull();
    writeFileSync(file, 'not encrypted at all');
    expect(await launch(new SoftwareKeychain()).load()).toBeNull();
  });

  it('never hands a session to another server than the one it came from', async () => {
    const keychain = new SoftwareKeychain();
    await launch(keychain, { server: 'https://chat.example.com' }).save(session);
    expect(await launch(keychain, { server: 'https://other.example.com' }).load()).toBeNull();
    expect(await launch(keychain, { server: SERVER }).load()).toBeNull();
    expect(await launch(keychain, { server: 'https://chat.example.com' }).load()).toEqual(session);
  });

  it('writes nothing where the keychain does not protect it, and keeps the session until the app quits', async () => {
    for (const keychain of [new SoftwareKeychain('basic_text'), new SoftwareKeychain('gnome_libsecret', false)]) {
      // An older session, from a launch when the keychain still worked, must not come back either.
      await launch(new SoftwareKeychain()).save(session);
      const vault = launch(keychain);
      expect(await vault.keepsAcrossLaunches()).toBe(false);
      await vault.save(session);
      expect(existsSync(file)).toBe(false);
      expect(await vault.load()).toEqual(session);
      expect(await launch(keychain).load()).toBeNull();
    }
  });

  it('asks the Linux backend only on Linux', async () => {
    // The backend is a Linux notion: on macOS and Windows the keychain's word is enough.
    const keychain = new SoftwareKeychain('unknown');
    expect(await launch(keychain, { platform: 'darwin' }).keepsAcrossLaunches()).toBe(true);
    expect(await launch(keychain, { platform: 'linux' }).keepsAcrossLaunches()).toBe(false);
  });

  it('writes the file again when the keychain has rotated its key', async () => {
    const keychain = new SoftwareKeychain();
    await launch(keychain).save(session);
    const before = readFileSync(file);
    keychain.rotateKey();
    expect(await launch(keychain).load()).toEqual(session);
    const after = readFileSync(file);
    expect(after[0]).toBe(1); // now under the new key
    expect(after.equals(before)).toBe(false);
  });

  it('does not let a slow read at start-up undo a sign-in that follows it', async () => {
    const keychain = new SoftwareKeychain();
    await launch(keychain).save({ ...session, token: 'older-session-token' });
    const vault = launch(keychain);
    const [, loaded] = await Promise.all([vault.load(), vault.save(session).then(() => vault.load())]);
    expect(loaded).toEqual(session);
    expect(await launch(keychain).load()).toEqual(session);
  });

  it('takes from the page only a well-formed session', () => {
    expect(parseSession(session)).toEqual(session);
    expect(parseSession({ ...session, extra: 'dropped' })).toEqual(session);
    for (const bad of [
      null,
      'token',
      { token: '', user: session.user },
      { token: 'has spaces in it', user: session.user },
      { token: session.token, user: null },
      { token: session.token, user: { ...session.user, id: '7' } },
      { token: session.token, user: { ...session.user, role: 'ADMIN' } },
      { token: session.token, user: { ...session.user, nickname: 'x'.repeat(2000) } },
    ])
      expect(parseSession(bad), JSON.stringify(bad)).toBeNull();
  });
});
