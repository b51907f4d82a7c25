import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { checkServerUrl } from './server-choice.js';
import type { WindowBounds } from './window-options.js';

/** What the desktop app remembers in its user-data folder (not the messages: those are the server's). */
export interface DesktopState {
  bounds?: WindowBounds;
  /** The embedded server's port, kept so the app's origin (and its saved session) stays the same. */
  port?: number;
  /** Team server mode: a server elsewhere instead of the embedded one. */
  serverUrl?: string;
  muted?: boolean;
  /** The user was told once that this system has no keychain to keep the session in. */
  toldNoKeychain?: boolean;
}

export function loadDesktopState(file: string): DesktopState {
  try {
    const raw = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    const port = Number.isInteger(raw.port) && (raw.port as number) > 0 && (raw.port as number) < 65536;
    // Saved before plain http beyond this computer was refused? Then back to the built-in server.
    const server = checkServerUrl(raw.serverUrl);
    return {
      bounds: raw.bounds as WindowBounds | undefined,
      port: port ? (raw.port as number) : undefined,
      serverUrl: 'url' in server ? server.url : undefined,
      muted: raw.muted === true,
      toldNoKeychain: raw.toldNoKeychain === true,
    };
  } catch {
    return {}; // first launch, or a damaged file: start from defaults
  }
}

/** Written to a temporary file and renamed, so a crash never leaves half a file. */
export function saveDesktopState(file: string, state: DesktopState): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  renameSync(`${file}.tmp`, file);
}
